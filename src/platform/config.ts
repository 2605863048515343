import { z } from 'zod';

/**
 * Every environment variable the product reads, in one place. `.env.example` lists the same names.
 * A bad value stops start-up with a message naming the variable.
 */
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** The address people open. Unset: http://localhost:<PORT>. */
  PUBLIC_URL: url(['http', 'https']).optional(),
  /** Unset: embedded PGlite in DATA_DIR. Set: PostgreSQL. */
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Realtime bus and rate-limit store. Unset: in-process. */
  REDIS_URL: url(['redis', 'rediss']).optional(),
  NATS_URL: url(['nats', 'tls']).optional(),
  /** Realtime: messages per topic are folded and sent at most once per tick (ms). */
  REALTIME_TICK_MS: z.coerce.number().int().min(0).max(5000).default(100),
  /**
   * Realtime: sockets one client address may open per minute (429 beyond). Generous, because viewers
   * behind one carrier or office address all join when a show starts; it stops one machine from opening
   * sockets in a loop until the node's connection cap is reached.
   */
  REALTIME_OPENS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Which roles this process runs: any of api, worker (media arrives with live video). */
  ROLES: z
    .string()
    .default('api,worker')
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(['api', 'worker'])).min(1)),
  /**
   * Whether to believe X-Forwarded-* headers (client address, host): `false` (default, direct exposure),
   * `true` (behind a proxy you control), a hop count, or a comma-separated list of proxy addresses.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Secret for signing cookies and tokens. Required in production. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** A session ends after this many days without use; every use (at most once a minute) extends it. */
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** However active, a session ends this many days after sign-in. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** WebAuthn relying party. Defaults derive from PUBLIC_URL. */
  WEBAUTHN_RP_ID: z.string().min(1).optional(),
  WEBAUTHN_RP_NAME: z.string().min(1).default('Live Shopping Network'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Sign-in throttle (src/platform/auth/login-throttle.ts): wrong passwords an account may take before
   * each further one doubles the wait (1 s, 2 s, 4 s...); a known device gets the same budget of its own.
   */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  /** The same for one client address across all accounts (larger: people share carrier and office addresses). */
  LOGIN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  /**
   * Password sign-in calls one client address may make per minute, right or wrong (a volume cap; wrong
   * passwords also meet the back-off). Raise it when many people sign in from behind one address.
   */
  SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Accounts one client address may create per hour (each sign-up call counts, batched or not). */
  SIGN_UPS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /**
   * Password reset requests one client address may make per hour. Each target address also gets at most
   * a few reset emails an hour, whoever asks (further requests answer alike and send nothing).
   */
  PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** The longest wait the sign-in back-off imposes. */
  LOGIN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * Days dispatched outbox rows and event consumption records are kept (the daily `events.prune` job).
   * At least 60: a consumption record must outlive any redelivery of its event, and an `events.deliver`
   * job can come back for up to ~58 days (14 queued + 30 in the dead-letter queue + 14 after a redrive).
   */
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(60).max(3650).default(90),
  /**
   * Outgoing email through any SMTP server or relay: `smtp://user:pass@host:587` (STARTTLS when offered)
   * or `smtps://...:465`, e.g. SendGrid's relay `smtp://apikey:<API key>@smtp.sendgrid.net:587`.
   * Unset: every email goes to the built-in mail catcher (console → Mail) and nowhere else.
   */
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  /**
   * The sender: `no-reply@shop.example.com` (the channel's name is shown as the sender's name) or
   * `Shop Name <no-reply@shop.example.com>`. Unset: `no-reply@<PUBLIC_URL's host>`.
   */
  SMTP_FROM: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const m =
        /^(?:"?([^"<>\r\n]{1,100}?)"?\s*<([^\s<>@"]{1,64}@[^\s<>@"]{1,253})>|([^\s<>@"]{1,64}@[^\s<>@"]{1,253}))$/.exec(
          v,
        );
      if (!m) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be an address (no-reply@example.com) or a name and address (Shop <no-reply@example.com>)',
        });
        return z.NEVER;
      }
      return { name: m[1]?.trim() || undefined, address: (m[2] ?? m[3])! };
    })
    .optional(),
  /**
   * The founder account's address, created at first start. In production its one-time link to choose a
   * password is printed once, and also emailed to this address when SMTP_URL is set.
   */
  FOUNDER_EMAIL: z.string().trim().toLowerCase().email().max(254).default('founder@lsn.local'),
  /** Days sent emails are kept (the mail catcher and the record of what was sent); daily `email.prune`. */
  EMAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Media in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) instead of the local disk: set
   * S3_BUCKET with S3_REGION and the key pair; S3_ENDPOINT for a service other than AWS. Unset: media
   * live under DATA_DIR/media and the product serves them at /media/.
   */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: url(['http', 'https']).optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addresses (`endpoint/bucket/key`), which MinIO and most self-hosted services need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Where browsers load media from (a CDN, R2's public bucket address). Default: the bucket's address. */
  S3_PUBLIC_URL: url(['http', 'https']).optional(),
  /** The largest image an upload may be, in bytes (20 MB). */
  MEDIA_IMAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1_073_741_824)
    .default(20 * 1024 * 1024),
  /** The largest video an upload may be, in bytes (200 MB). */
  MEDIA_VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1_073_741_824)
    .default(200 * 1024 * 1024),
  /**
   * The most pixels an uploaded image may declare (width × height; 50 million: an 8,000 × 6,000 photo).
   * Guards against decompression bombs: a small file that declares a huge image would take gigabytes to
   * decode.
   */
  MEDIA_MAX_PIXELS: z.coerce.number().int().min(1).max(268_402_689).default(50_000_000),
  /**
   * Demo accounts (published passwords) and demo data on first start. Default: true, except with
   * NODE_ENV=production, where demo data appears only when this is set to true on purpose.
   */
  SEED_DEMO: bool.optional(),
  METRICS_ENABLED: bool.default(true),
});

export type Config = Omit<z.infer<typeof configSchema>, 'PUBLIC_URL' | 'SEED_DEMO'> & {
  PUBLIC_URL: string;
  SEED_DEMO: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in configSchema.shape && v !== undefined && v !== ''),
  );
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config: Config = {
    ...parsed.data,
    PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`,
    SEED_DEMO: parsed.data.SEED_DEMO ?? parsed.data.NODE_ENV !== 'production',
  };
  const s3Keys = [
    'S3_ENDPOINT',
    'S3_REGION',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'S3_PUBLIC_URL',
  ] as const;
  if (config.S3_BUCKET) {
    const missing = (['S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
      (k) => !config[k],
    );
    if (missing.length)
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when S3_BUCKET is set`).join('\n')}`,
      );
  } else if (s3Keys.some((k) => config[k])) {
    // Half an S3 set-up would silently keep media on the local disk of one node.
    throw new ConfigError(
      `Invalid configuration:\n  S3_BUCKET: required when ${s3Keys.filter((k) => config[k]).join(', ')} ${s3Keys.filter((k) => config[k]).length === 1 ? 'is' : 'are'} set`,
    );
  }
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required when NODE_ENV=production');
  }
  return config;
}

export const configKeys = Object.keys(configSchema.shape);

/**
 * Where browsers load media from when they live in a bucket: S3_PUBLIC_URL, else the bucket's own address
 * (path style under S3_ENDPOINT, virtual-hosted otherwise, AWS's when no endpoint is set). Undefined on
 * the local disk. The S3 adapter builds addresses from it and the page CSP allows its origin.
 */
export function s3PublicBase(
  config: Pick<Config, 'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_FORCE_PATH_STYLE' | 'S3_PUBLIC_URL'>,
): string | undefined {
  const bucket = config.S3_BUCKET;
  if (!bucket) return undefined;
  if (config.S3_PUBLIC_URL) return config.S3_PUBLIC_URL.replace(/\/+$/, '');
  if (!config.S3_ENDPOINT) return `https://${bucket}.s3.${config.S3_REGION}.amazonaws.com`;
  const endpoint = new URL(config.S3_ENDPOINT);
  if (config.S3_FORCE_PATH_STYLE) return `${config.S3_ENDPOINT.replace(/\/+$/, '')}/${bucket}`;
  return `${endpoint.protocol}//${bucket}.${endpoint.host}`;
}
