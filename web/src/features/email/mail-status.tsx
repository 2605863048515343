import type { TMailSummary } from '../../../../src/platform/email/mail.types';
import { Badge, type Tone } from '../../ui/badge';

const tones: Record<TMailSummary['status'], Tone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'ok',
  failed: 'danger',
};

/** Where a message is in its delivery: queued, sending, sent or failed (retried while retries remain). */
export function MailStatus({ status }: { status: TMailSummary['status'] }) {
  return <Badge tone={tones[status]}>{status}</Badge>;
}
