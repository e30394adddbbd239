// Which browser runs the test page, and what its fake devices are: the tests that run in Chromium and Firefox say
// here what differs between the two, and skip (counted as skipped) only what needs Chromium's DevTools.

export const firefox = navigator.userAgent.includes('Firefox/');

/** The fake devices each browser gives a test page (Chromium: --use-fake-device-for-media-stream). */
export const fakeDevices = firefox
  ? {
    /**
     * Firefox (media.navigator.streams.fake): one microphone and one camera, no default entry; the outputs of the
     * tests' sound server (scripts/sound-server.mjs), which Firefox lists once the page has asked for one.
     */
    microphones: ['Default Audio Device'],
    defaultMicrophone: 'Default Audio Device',
    /** A microphone other than the one in use, where there is one; else the same device again (a new track). */
    otherMicrophone: 'Default Audio Device',
    speakers: ['Speakers', 'Headphones'],
    /** A tone without pauses. */
    beeps: false,
  }
  : {
    microphones: ['System default', 'Fake Audio Input 1', 'Fake Audio Input 2'],
    defaultMicrophone: 'Fake Default Audio Input',
    otherMicrophone: 'Fake Audio Input 1',
    speakers: ['Fake Audio Output 1', 'Fake Audio Output 2'],
    /** A beep every second, silence between. */
    beeps: true,
  };

/**
 * Skips the test in Firefox, for a reason the test names where it calls this. Mocha counts it as skipped, and
 * `npm test` prints the count.
 */
export function notInFirefox(context: Mocha.Context): void {
  if (firefox) context.skip();
}
