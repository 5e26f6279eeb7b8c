import type { Permission } from './notificationRules';

/** The page's notification permission; 'unsupported' where the browser has no Notification. */
export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
