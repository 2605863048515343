import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import type { TGetMailResponse } from '../../../../src/platform/email/mail.types';
import { useDateTime } from '../../lib/format';
import { errorMessage, httpStatusOf, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { ButtonLink } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Loading } from '../../ui/spinner';
import { useTabs } from '../../ui/tabs';
import { MailFrame } from './mail-frame';
import { linkPieces } from './mail-frame-html';
import { mailMessageQuery } from './mail-queries';
import { MailStatus } from './mail-status';

type View = 'html' | 'text' | 'source';

/** Back to the list the message was opened from (with its search), else the whole list. */
function useBack(): string {
  const state = useLocation().state as { back?: unknown } | null;
  return typeof state?.back === 'string' && state.back.startsWith('/console/mail')
    ? state.back
    : '/console/mail';
}

/** One email: who it was from and to, when, how its delivery went, and its HTML and text parts. */
export function MailMessagePage() {
  const trpc = useTRPC();
  const { messageId } = useParams();
  const back = useBack();
  const message = useQuery(mailMessageQuery(trpc, messageId!));
  const status = httpStatusOf(message.error);

  const backLink = (
    <ButtonLink to={back} variant="ghost" size="sm" className="-ml-3 mb-4">
      <span aria-hidden="true">←</span> All mail
    </ButtonLink>
  );
  if (message.isPending) return <Loading what="Loading the email" />;
  if (message.error)
    return (
      <>
        {backLink}
        {status === 404 || status === 400 ? (
          <EmptyState title="There is no such email in this channel">
            The link may be old: emails are deleted after the retention period, and each channel sees only its
            own.
          </EmptyState>
        ) : (
          <Alert>{errorMessage(message.error)}</Alert>
        )}
      </>
    );
  return (
    <>
      {backLink}
      <Message message={message.data} />
    </>
  );
}

function Message({ message: m }: { message: TGetMailResponse }) {
  const formatDateTime = useDateTime();
  const [view, setView] = useState<View>('html');
  const views = [
    { key: 'html', label: 'HTML' },
    { key: 'text', label: 'Text' },
    { key: 'source', label: 'HTML source' },
  ] as const;
  const tabs = useTabs('Message part', views, view, setView);
  const body = m.html !== null || m.text !== null;

  return (
    <article aria-labelledby="mail-subject" className="min-w-0">
      <div className="mb-6">
        <h1 id="mail-subject" className="text-headline font-bold tracking-tight break-words md:text-[2rem]">
          {m.subject}
        </h1>
        <p className="mt-2 flex flex-wrap items-center gap-1.5">
          <Badge className="font-mono font-normal">{m.template}</Badge>
          <MailStatus status={m.status} />
        </p>
      </div>
      <dl className="mb-6 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 rounded-card border border-line bg-surface p-4 text-body">
        <dt className="text-ink-muted">From</dt>
        <dd className="break-words">{m.from}</dd>
        <dt className="text-ink-muted">To</dt>
        <dd className="break-all">{m.to}</dd>
        <dt className="text-ink-muted">Created</dt>
        <dd>
          <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
        </dd>
        <dt className="text-ink-muted">Delivered</dt>
        <dd>
          {m.sentAt ? (
            <>
              <time dateTime={m.sentAt}>{formatDateTime(m.sentAt)}</time>
              {m.transport === 'catcher'
                ? ' to the mail catcher'
                : m.transport === 'smtp'
                  ? ' over SMTP'
                  : ''}
            </>
          ) : (
            <span className="text-ink-muted">
              Not yet · {m.attempts} attempt{m.attempts === 1 ? '' : 's'}
            </span>
          )}
        </dd>
        {m.providerMessageId ? (
          <>
            <dt className="text-ink-muted">Message id</dt>
            <dd className="break-all font-mono text-caption leading-6">{m.providerMessageId}</dd>
          </>
        ) : null}
        {m.providerResponse ? (
          <>
            <dt className="text-ink-muted">Server said</dt>
            <dd className="break-words font-mono text-caption leading-6">{m.providerResponse}</dd>
          </>
        ) : null}
      </dl>
      {m.lastError ? (
        <div className="mb-6">
          <Alert title={m.status === 'failed' ? 'Delivery failed' : 'The last attempt failed'}>
            <span className="break-words">{m.lastError}</span>
          </Alert>
        </div>
      ) : null}
      {m.bodyNote ? (
        <Alert tone="info" title="No body to show">
          {m.bodyNote}
        </Alert>
      ) : null}
      {body ? (
        <section aria-label="Message">
          {tabs.list}
          <div {...tabs.panelProps(view)} tabIndex={view === 'html' ? undefined : 0} className="pt-4">
            {view === 'html' ? (
              m.html !== null ? (
                <MailFrame html={m.html} title={`The email “${m.subject}” as HTML`} />
              ) : (
                <p className="text-body text-ink-muted">This email has no HTML part.</p>
              )
            ) : view === 'text' ? (
              m.text !== null ? (
                <pre className="overflow-x-auto rounded-control border border-line bg-surface p-4 font-mono text-caption leading-5 whitespace-pre-wrap break-words">
                  {linkPieces(m.text).map((p) =>
                    p.href ? (
                      <a
                        key={p.at}
                        href={p.href}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="break-all text-brand underline underline-offset-2"
                      >
                        {p.text}
                      </a>
                    ) : (
                      <span key={p.at}>{p.text}</span>
                    ),
                  )}
                </pre>
              ) : (
                <p className="text-body text-ink-muted">This email has no plain-text part.</p>
              )
            ) : m.html !== null ? (
              <pre className="max-h-[70vh] overflow-auto rounded-control border border-line bg-surface p-4 font-mono text-caption leading-5 whitespace-pre-wrap break-all">
                {m.html}
              </pre>
            ) : (
              <p className="text-body text-ink-muted">This email has no HTML part.</p>
            )}
          </div>
        </section>
      ) : null}
    </article>
  );
}
