import t from 'tap';
import { deepNfc, nfc } from '../../src/text/vietnamese.js';

t.test('nfc composes decomposed Vietnamese and leaves ASCII and composed text as they are', async (t) => {
  const composed = 'Quảng Xương';
  const decomposed = composed.normalize('NFD');
  t.not(decomposed, composed);
  t.equal(nfc(decomposed), composed);
  t.equal(nfc(composed), composed);
  t.equal(nfc('quang-xuong-2023'), 'quang-xuong-2023');
  t.equal(nfc(''), '');
  t.equal(nfc('e\u0301'), 'é', 'a combining mark after ASCII letters is composed');
  t.same(deepNfc({ [decomposed]: [decomposed, 1, null], a: { b: decomposed } }), { [composed]: [composed, 1, null], a: { b: composed } });
});
