import { founderSetPasswordEmail } from './founder-set-password';
import { newSignInEmail } from './new-sign-in';
import { resetPasswordEmail } from './reset-password';
import { signUpAttemptEmail } from './sign-up-attempt';
import { verifyEmail } from './verify-email';

/** Every email the product sends, in one place. */
export { founderSetPasswordEmail, newSignInEmail, resetPasswordEmail, signUpAttemptEmail, verifyEmail };

export const emailTemplates = [
  verifyEmail,
  resetPasswordEmail,
  newSignInEmail,
  signUpAttemptEmail,
  founderSetPasswordEmail,
] as const;
