import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useRelativeTime } from '../../lib/format';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { useDebounced } from '../../lib/use-debounced';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Alert, EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Loading, ProgressBar } from '../../ui/spinner';
import { mailListQuery, searchOf } from './mail-queries';
import { MailStatus } from './mail-status';

/** New mail shows up without a reload: a developer triggers an email elsewhere and watches it arrive. */
const REFRESH_MS = 5_000;

export const mailLead =
  'Every email the product sends appears here while no SMTP server is configured (SMTP_URL unset). With one configured, this is the record of what was sent and what the server answered.';

/** The mail catcher: the channel's emails, newest first, searchable by recipient or subject. */
export function MailListPage() {
  const trpc = useTRPC();
  const relative = useRelativeTime();
  const [params, setParams] = useSearchParams();
  const applied = searchOf(params);
  const [draft, setDraft] = useState(applied);
  // The address changed on its own (Back, a shared link): the box shows what is applied.
  const [shown, setShown] = useState(applied);
  if (shown !== applied) {
    setShown(applied);
    setDraft(applied);
  }
  const settled = useDebounced(draft.trim());
  useEffect(() => {
    if (settled === applied) return;
    setParams(settled ? { search: settled } : {}, { replace: true });
    setShown(settled);
  }, [settled, applied, setParams]);

  const mail = useInfiniteQuery({
    ...mailListQuery(trpc, applied),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const rows = mail.data?.pages.flatMap((p) => p.messages) ?? [];
  const back = applied ? `/console/mail?${new URLSearchParams({ search: applied })}` : '/console/mail';

  return (
    <>
      <PageHeader title="Mail" lead={mailLead} />
      <search aria-label="Search mail" className="mb-3 max-w-md">
        <Field
          label="Search"
          type="search"
          placeholder="Recipient or subject"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
      </search>
      <div className="mb-3 h-1.5">
        {mail.isPlaceholderData ? <ProgressBar label="Updating list" /> : null}
      </div>
      {mail.isPending ? (
        <Loading what="Loading mail" />
      ) : mail.error ? (
        <Alert>{errorMessage(mail.error)}</Alert>
      ) : rows.length === 0 ? (
        applied ? (
          <EmptyState
            title={`No emails match “${applied}”`}
            action={
              <Button variant="secondary" onClick={() => setDraft('')}>
                Clear the search
              </Button>
            }
          >
            The search looks for part of the recipient's address or of the subject.
          </EmptyState>
        ) : (
          <EmptyState title="No emails yet">
            Every email the product sends appears here while no SMTP server is configured. Nothing has been
            sent in this channel so far; new messages show up within seconds.
          </EmptyState>
        )
      ) : (
        <>
          <ul
            aria-label="Emails, newest first"
            className="divide-y divide-line rounded-card border border-line"
          >
            {rows.map((m) => {
              const when = relative(m.createdAt);
              return (
                <li key={m.id} className="relative transition-colors hover:bg-surface-hover">
                  <div className="grid gap-x-4 gap-y-1 px-4 py-3 md:grid-cols-[minmax(0,16rem)_minmax(0,1fr)_auto] md:items-start">
                    <div className="flex min-w-0 items-baseline justify-between gap-3 md:contents">
                      <span className="truncate text-body text-ink-muted md:order-1" title={m.to}>
                        {m.to}
                      </span>
                      <time
                        dateTime={m.createdAt}
                        title={when.full}
                        className="shrink-0 text-caption text-ink-faint md:order-3 md:pt-0.5"
                      >
                        {when.text}
                      </time>
                    </div>
                    <div className="min-w-0 md:order-2">
                      <Link
                        to={`/console/mail/${m.id}`}
                        state={{ back }}
                        className="line-clamp-2 break-words font-semibold text-ink md:line-clamp-1 after:absolute after:inset-0 after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-focus"
                      >
                        {m.subject}
                      </Link>
                      <p className="mt-1 flex flex-wrap items-center gap-1.5">
                        <Badge className="font-mono font-normal">{m.template}</Badge>
                        <MailStatus status={m.status} />
                      </p>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
          {mail.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button
                variant="secondary"
                loading={mail.isFetchingNextPage}
                onClick={() => mail.fetchNextPage()}
              >
                Load older emails
              </Button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
