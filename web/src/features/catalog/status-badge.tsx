import { Badge, type Tone } from '../../ui/badge';

const tones: Record<string, Tone> = { draft: 'neutral', published: 'ok', archived: 'warn' };

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={tones[status] ?? 'neutral'}>{status}</Badge>;
}
