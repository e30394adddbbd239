import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserFamily } from '../../src/in-call/error-help.js';

describe('browserFamily: whose words the help uses to allow the microphone again', () => {
  const rows: [string, string, { brand: string }[], string][] = [
    ['Chrome (client hints)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', [{ brand: 'Google Chrome' }, { brand: 'Chromium' }], 'Chrome'],
    ['Edge (client hints, also says Chromium)', 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0', [{ brand: 'Chromium' }, { brand: 'Microsoft Edge' }], 'Edge'],
    ['Edge (user agent only)', 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0', [], 'Edge'],
    ['headless Chromium', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0 Safari/537.36', [{ brand: 'Chromium' }], 'Chrome'],
    ['Firefox', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', [], 'Firefox'],
    ['Firefox on iOS', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15', [], 'Firefox'],
    ['Safari', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', [], 'Safari'],
    ['Chrome on iOS', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', [], 'Chrome'],
    ['something else', 'Mozilla/5.0 (compatible; SomeBrowser/1.0)', [], 'Other'],
  ];
  for (const [name, userAgent, brands, family] of rows) {
    it(`${name} → ${family}`, () => assert.equal(browserFamily(userAgent, brands), family));
  }
});
