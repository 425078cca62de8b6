import { defineEvent } from '@plaza/core';
import { z } from 'zod';

/** A notice was published for staff and front ends. */
export const noticePublished = defineEvent(
  'notice.published',
  z.object({ noticeId: z.string(), title: z.string() }),
  'A store notice was published',
);

/** A notice reached its expiry and was taken down by the recurring job. */
export const noticeExpired = defineEvent('notice.expired', z.object({ noticeId: z.string() }), 'A store notice expired');
