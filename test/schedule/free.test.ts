import t from 'tap';
import { boundedRange, datesBetween } from '../../src/schedule/free.js';

t.test('datesBetween counts days instead of stepping past the last one', async (t) => {
  t.same(datesBetween('2023-08-30', '2023-09-02'), ['2023-08-30', '2023-08-31', '2023-09-01', '2023-09-02']);
  t.same(datesBetween('2024-02-28', '2024-03-01'), ['2024-02-28', '2024-02-29', '2024-03-01']);
  t.same(datesBetween('9999-12-30', '9999-12-31'), ['9999-12-30', '9999-12-31'], 'no day after the last ISO date is made');
  t.same(datesBetween('2023-08-03', '2023-08-03'), ['2023-08-03']);
  t.same(datesBetween('2023-08-04', '2023-08-03'), []);
});

t.test('boundedRange keeps the part of a range inside a half-open window', async (t) => {
  const window = { start: '2023-08-03', endExclusive: '2023-08-25' };
  t.same(boundedRange('2023-07-01', '2023-12-31', window), { from: '2023-08-03', to: '2023-08-24' });
  t.same(boundedRange('2023-08-10', '2023-08-11', window), { from: '2023-08-10', to: '2023-08-11' });
  t.same(boundedRange('2023-08-24', '2023-08-25', window), { from: '2023-08-24', to: '2023-08-24' }, 'the last day of the window');
  t.equal(boundedRange('2023-08-25', '2023-08-31', window), null, 'the exclusive end is outside');
  t.equal(boundedRange('2023-07-01', '2023-08-02', window), null, 'the day before the start');
  t.equal(boundedRange('9999-12-30', '9999-12-31', window), null);
});
