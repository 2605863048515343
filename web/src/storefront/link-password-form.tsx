import { type FormEvent, type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PASSWORD_MIN } from '../../../src/platform/auth/credentials';
import { useFormErrors } from '../features/auth/use-form-error';
import { Button } from '../ui/button';
import { Alert } from '../ui/empty-state';
import { Field } from '../ui/field';
import { AuthCard } from './auth-card';

/** What a one-time link's page sends: the link's token and the chosen password. */
interface LinkPasswordMutation {
  mutate(input: { token: string; password: string }): void;
  isPending: boolean;
  error: unknown;
}

/**
 * The page a one-time password link lands on (`?token=…`): choose a password twice, send it with the
 * link's token. The set-password (first run) and reset-password pages differ only in words and in what
 * happens after.
 */
export function LinkPasswordForm(props: {
  mutation: LinkPasswordMutation;
  title: string;
  lead: string;
  /** The lead when the address holds no token. */
  incompleteLead: string;
  formLabel: string;
  submitLabel: string;
  footer: ReactNode;
}) {
  const { mutation } = props;
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const err = useFormErrors(mutation.error, ['password', 'token']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const differs = password !== confirm;
    setMismatch(differs);
    if (!differs) mutation.mutate({ token, password });
  };

  if (!token)
    return (
      <AuthCard title="This link is incomplete" lead={props.incompleteLead} footer={props.footer}>
        {null}
      </AuthCard>
    );

  return (
    <AuthCard title={props.title} lead={props.lead} footer={props.footer}>
      <form onSubmit={submit} className="space-y-4" noValidate aria-label={props.formLabel}>
        {err.field('token') ? <Alert>{err.field('token')}</Alert> : null}
        {err.form ? <Alert>{err.form}</Alert> : null}
        <Field
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          hint={`At least ${PASSWORD_MIN} characters. A phrase of a few words is easy to remember and hard to guess.`}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            err.changed('password');
          }}
          error={err.field('password')}
        />
        <Field
          label="Repeat the password"
          type="password"
          name="confirm"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? 'The two passwords differ.' : undefined}
        />
        <Button type="submit" size="lg" className="w-full" loading={mutation.isPending}>
          {props.submitLabel}
        </Button>
      </form>
    </AuthCard>
  );
}
