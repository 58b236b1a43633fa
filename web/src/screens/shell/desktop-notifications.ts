// The browser's own notifications, opted into per browser (stored in localStorage), only once the browser allowed them.

const KEY = 'argonaut.desktopNotifications';

export function desktopNotificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function desktopNotificationsOn(): boolean {
  return desktopNotificationsSupported() && Notification.permission === 'granted' && localStorage.getItem(KEY) === 'on';
}

/** Asks the browser's permission when turning on; resolves with the new state. */
export async function setDesktopNotifications(on: boolean): Promise<boolean> {
  if (!on) {
    localStorage.removeItem(KEY);
    return false;
  }
  if (!desktopNotificationsSupported()) return false;
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return false;
  localStorage.setItem(KEY, 'on');
  return true;
}
