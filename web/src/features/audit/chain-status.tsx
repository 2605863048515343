import { useQuery } from '@tanstack/react-query';
import { errorMessage, useTRPC } from '../../lib/trpc';
import { Badge } from '../../ui/badge';
import { Spinner } from '../../ui/spinner';

/** Whether the audit hash chain is intact, from audit.verify (which walks the whole chain). */
export function ChainStatus({ canVerify }: { canVerify: boolean }) {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.audit.verify.queryOptions({}), enabled: canVerify, staleTime: 60_000 });
  if (!canVerify) return <Badge>Chain check needs audit.verify</Badge>;
  if (verify.isPending)
    return (
      <Badge>
        <Spinner size="sm" label="" /> Verifying chain…
      </Badge>
    );
  if (verify.error) return <Badge tone="warn">Chain check failed: {errorMessage(verify.error)}</Badge>;
  const r = verify.data;
  if (r.ok)
    return (
      <Badge tone="ok">
        <span aria-hidden="true">✓</span> Chain intact · {r.checked} entries verified
      </Badge>
    );
  return (
    <Badge tone="danger">
      <span aria-hidden="true">⚠</span> Chain broken at #{r.firstBroken?.seq}: {r.firstBroken?.reason}
    </Badge>
  );
}
