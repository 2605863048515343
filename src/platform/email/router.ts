import { procedure, router } from '../http';
import { getMail } from './get-mail';
import { listMail } from './list-mail';
import {
  ZGetMailRequestSchema,
  ZGetMailResponseSchema,
  ZListMailRequestSchema,
  ZListMailResponseSchema,
} from './mail.types';

/** The mail catcher (and the record of what was sent through SMTP), per channel. */
export const mailRouter = router({
  list: procedure('mail.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/mail',
        tags: ['mail'],
        summary: 'Emails the product sent in this channel, newest first',
      },
    })
    .input(ZListMailRequestSchema)
    .output(ZListMailResponseSchema)
    .query(({ ctx, input }) => listMail(ctx, input)),

  get: procedure('mail.read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/mail/{id}',
        tags: ['mail'],
        summary: 'One email with its HTML and plain-text parts',
      },
    })
    .input(ZGetMailRequestSchema)
    .output(ZGetMailResponseSchema)
    .query(({ ctx, input }) => getMail(ctx, input)),
});
