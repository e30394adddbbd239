// The call link of the invite demo (demo/invite-link.ts): what goes in the fragment, and how a link that lost or
// changed part of it on the way is told apart from a good one, before any button is shown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inviteLinkUrl, readInviteFragment } from '../../demo/invite-link.ts';

/** Shaped like an invite token the API hands out (a JWE with `alg: dir`: five parts, the second empty). */
const INVITE = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIiwiY2giOiJ3czovLzEyNy4wLjAuMTo4NzkwIiwidHlwIjoiU0FUIn0..8O4EJs349q97jAcd.H4GNrC6gsWdz91ArWF9c.DcLVYpma-iItaGhaOStu9A';
const PAGE = 'https://example.com/demo/invite.html';

const problem = (hash: string) => {
  const read = readInviteFragment(hash);
  return read.ok ? 'ok' : read.reason === 'missing' ? 'missing' : read.problem;
};

describe('invite links', () => {
  it('put the invite, the address and the expiry in the fragment only, and read them back', () => {
    const link = inviteLinkUrl(PAGE, { invite: INVITE, destination: '/public/echo', expiresAt: 1_795_800_600 });
    const url = new URL(link);
    assert.equal(`${url.origin}${url.pathname}`, PAGE);
    assert.equal(url.search, '');
    assert.equal(url.hash, `#to=/public/echo&invite=${INVITE}&until=1795800600`);
    assert.deepEqual(readInviteFragment(url.hash), { ok: true, link: { invite: INVITE, destination: '/public/echo', expiresAt: 1_795_800_600 } });
  });

  it('keep the page\'s own query, and read a link without expiry or with a percent-encoded address', () => {
    const link = inviteLinkUrl(`${PAGE}?lang=fr`, { invite: INVITE, destination: '/private/sales?channel=video' });
    const url = new URL(link);
    assert.equal(url.search, '?lang=fr');
    assert.deepEqual(readInviteFragment(url.hash), { ok: true, link: { invite: INVITE, destination: '/private/sales?channel=video' } });
    assert.deepEqual(readInviteFragment(`to=%2Fpublic%2Fecho&invite=${INVITE}`), { ok: true, link: { invite: INVITE, destination: '/public/echo' } });
  });

  it('accept a three-part JWT as well as a five-part JWE, each with a JSON header', () => {
    assert.equal(problem('#to=/public/echo&invite=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'), 'ok');
    assert.equal(problem(`#to=/public/echo&invite=${INVITE}`), 'ok');
  });

  it('say what is wrong with a link that lost or changed part of its fragment', () => {
    const cases: [string, string][] = [
      ['', 'missing'],
      ['#', 'missing'],
      ['#to=/public/echo', 'It has no invitation in it. It may have been cut short when it was copied.'],
      ['#to=/public/echo&invite=', 'It has no invitation in it. It may have been cut short when it was copied.'],
      [`#to=/public/echo&invite=${INVITE.slice(0, INVITE.indexOf('.'))}`, 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      ['#to=/public/echo&invite=c2c_7acc0e5e968706a032983cd80cdca219', 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      // One character of the header changed: it no longer decodes as JSON.
      [`#to=/public/echo&invite=${INVITE.replace('eyJhbGci', 'eyJhbGcj')}`, 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      [`#to=/public/echo&invite=bm90IGpzb24.x.y`, 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      [`#to=/public/echo&invite=${INVITE}<script>`, 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      [`#to=/public/echo&invite=${'a'.repeat(5_000)}.${'b'.repeat(5_000)}.c`, 'The invitation in it is damaged. It may have been cut short or changed when it was copied.'],
      [`#invite=${INVITE}`, 'It does not say whom to call.'],
      [`#to=support&invite=${INVITE}`, 'The address it should call is not a valid address.'],
      [`#to=javascript:alert(1)&invite=${INVITE}`, 'The address it should call is not a valid address.'],
      [`#to=/public/echo&invite=${INVITE}&until=soon`, 'Its expiry time is damaged.'],
      [`#to=/public/echo&invite=${INVITE}&until=1.5`, 'Its expiry time is damaged.'],
      [`#to=/public/echo&invite=${INVITE}&until=`, 'Its expiry time is damaged.'],
    ];
    for (const [hash, expected] of cases) assert.equal(problem(hash), expected, hash.slice(0, 80));
  });
});
