import type { AnyStepType } from '../../../kernel/process-contributions.js';
import { amountAboveStep, amountAtMostStep } from './amount-threshold.step.js';
import { timerStep, waitForEventStep } from './arm-trigger.steps.js';
import { notifyCustomerStep } from './notify-customer.step.js';
import { payLaterStep, requirePaymentStep } from './payment.steps.js';
import { requireFieldStep } from './require-field.step.js';
import { requirePermissionStep } from './require-permission.step.js';
import { setTagStep } from './tag.step.js';

/** The generic step types the core ships; later modules add their own through `stepTypes`. */
export const coreStepTypes: AnyStepType[] = [
  requirePermissionStep,
  requireFieldStep,
  amountAboveStep,
  amountAtMostStep,
  requirePaymentStep,
  payLaterStep,
  setTagStep,
  notifyCustomerStep,
  waitForEventStep,
  timerStep,
];
