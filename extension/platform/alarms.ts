// chrome.alarms: wakes the service worker for the trust-bundle refresh (timers die with the worker).
export function ensureAlarm(name: string, periodInMinutes: number): Promise<void> {
  return chrome.alarms.get(name).then((existing) => {
    if (!existing) return chrome.alarms.create(name, { periodInMinutes, delayInMinutes: 1 });
  });
}

export function onAlarm(name: string, run: () => void): void {
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) run();
  });
}
