/**
 * `npm run forecast:eval`: how good are Huitou's run-out forecasts and reminders, against two naive
 * baselines ("same interval as last time", "every 30 days"), on replayed purchase histories. About 10 s.
 *
 *   npm run forecast:eval                              3 simulated shops of 500 households, 540 days (seeds 1, 2, 3)
 *   npm run forecast:eval -- --seeds 1,2,3,4 --households 800 --days 540
 *   npm run forecast:eval -- --db path/to/huitou.sqlite  a real book, opened read-only (sales only)
 *   npm run forecast:eval -- --answer-noise 0.5 --no-answer 0.3   other simulated answers to calls
 *   npm run forecast:eval -- --no-presets              no season presets: seasons learned from the sales alone
 *   npm run forecast:eval -- --quiet                   only the FORECAST_EVAL_JSON line
 *
 * Two scenarios, printed in this order:
 * 1. Sales only: the shop never works its call list; each cycle has the one reminder set at the purchase.
 *    Definitions (shared/domain/forecastQuality.ts): error = actual purchase - predicted run-out (days);
 *    ahead = actual purchase - reminder date; on time 0 <= ahead <= lead+7; premature ahead > lead+7;
 *    late ahead < 0. Strict: the first reminder only. "listed" models the app's overdue list.
 *    Also printed: the scores with each second purchase counted too (its reminder came from the prior
 *    alone); on demo shops, the outcome under each generator event (each purchase under one cause, so the
 *    points each cause costs add up), and a hindsight reference: a predictor that knows each household's
 *    long-run use, to tell what no forecast can catch from what the method still misses.
 * 2. The call list worked (demo shops only, scripts/forecastEvalCalls.ts), side by side with the first:
 *    each day every reminder on Today's due list is called once by the app's rules (shared/domain/callList.ts
 *    isOnToday: overdue ones stay until overdue by the household's own interval, counted from the latest
 *    follow-up; no answer -> again tomorrow); no capacity: every due reminder is called; the simulated household answers from its true stock (the
 *    generator's trace) as people do: a guess off by about a quarter, said in quarters of a bag, one call
 *    in five unanswered, none while away, some plain "not needed yet"; a stock report re-dates the pair
 *    through the app's own forecast(). The sales stay as generated. Scored by scoreListedCycles: on time,
 *    premature, late on the reminder in effect (the last one seen on the list by the purchase day);
 *    every reminder that reached the list more than lead+7 (and literally 7) days before the purchase is
 *    a premature reminder, even when its call re-dated the pair, per reminder and as purchases with one;
 *    the calls made per purchase are the price. Printed again under other answers (sensitivity).
 * Goals: on-time >= 95 %, premature <= 10 %, MAE at least 30 % below the last-interval baseline; with the
 * list worked, premature is the share of purchases with any premature reminder.
 * A report: exits 0 even when a goal is missed (1 only on bad arguments or an unreadable database).
 */
import { LAPSED_AFTER_DAYS } from '../shared/domain/callList.ts';
import { readHistoriesFromDb, demoHistories, hindsightOutcomes, missCauses, type EvalHistory } from './forecastEvalSources.ts';
import { REALISTIC_ANSWERS, SENSITIVITY, workedListCycles, type AnswerModel } from './forecastEvalCalls.ts';
import {
  checkGoals,
  checkListGoals,
  evaluateByProduct,
  evaluateForecasts,
  groupByProduct,
  huitouPredictorFor,
  outcomes,
  PREMATURE_SLACK_DAYS,
  scoreListedCycles,
  scoreOutcomes,
  unworkedCycle,
  type ListScore,
  type MethodScore,
  type QualityReport,
} from '../shared/domain/forecastQuality.ts';
import { FORECAST_VERSION } from '../shared/domain/forecast.ts';

interface Options {
  db: string | null;
  seeds: number[];
  households: number;
  days: number;
  endDate: string;
  quiet: boolean;
  answers: AnswerModel;
  /** The default catalog's season presets (gas winter, water summer) on, as a new shop has them. */
  presets: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    db: null,
    seeds: [1, 2, 3],
    households: 500,
    days: 540,
    endDate: '2026-11-22',
    quiet: false,
    answers: { ...REALISTIC_ANSWERS },
    presets: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg}: expected a positive integer, got "${v}"`);
      return n;
    };
    const fraction = (v: string) => {
      const n = Number(v);
      if (!(n >= 0 && n <= 1)) throw new Error(`${arg}: expected a number from 0 to 1, got "${v}"`);
      return n;
    };
    if (arg === '--db') options.db = value();
    else if (arg === '--answer-noise') options.answers.stockNoise = fraction(value());
    else if (arg === '--no-answer') options.answers.noAnswer = fraction(value());
    else if (arg === '--seeds') options.seeds = value().split(',').map(positive);
    else if (arg === '--households') options.households = positive(value());
    else if (arg === '--days') options.days = positive(value());
    else if (arg === '--end') options.endDate = value();
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--no-presets') options.presets = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: npm run forecast:eval -- [--db file.sqlite] [--seeds 1,2,3] [--households 500] [--days 365] [--end YYYY-MM-DD] [--answer-noise 0.25] [--no-answer 0.2] [--no-presets] [--quiet]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const days = (x: number) => x.toFixed(2);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const scoreHeaders = ['method', 'predictions', 'MAE d', 'median |err|', 'bias d', 'on time', 'premature', 'late', 'listed*'];
function scoreRow(name: string, s: MethodScore): string[] {
  return [name, String(s.predictions), days(s.mae), days(s.medianAbsError), days(s.bias), pct(s.onTime), pct(s.premature), pct(s.late), pct(s.listed)];
}
function reportRows(report: QualityReport, prefix = ''): string[][] {
  return [
    scoreRow(`${prefix}huitou v${FORECAST_VERSION}`, report.huitou),
    scoreRow(`${prefix}last interval`, report.lastInterval),
    scoreRow(`${prefix}every 30 days`, report.every30Days),
  ];
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
/** A score's figures rounded (ListScore's too: it extends MethodScore). */
function scoreJson(s: MethodScore) {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'predictions' ? v : round(v)]));
}
function reportJson(r: QualityReport) {
  return {
    pairs: r.pairs,
    purchases: r.purchases,
    huitou: scoreJson(r.huitou),
    lastInterval: scoreJson(r.lastInterval),
    every30Days: scoreJson(r.every30Days),
  };
}

const listHeaders = ['', 'MAE d', 'on time', 'premature', 'late', 'prem. reminders', 'purch. w/ prem.', 'purch. w/ >7 d', 'reached', 'calls/purch.'];
function listRow(name: string, s: ListScore, worked: boolean): string[] {
  return [
    name,
    days(s.mae),
    pct(s.onTime),
    pct(s.premature),
    pct(s.late),
    pct(s.prematureReminders),
    pct(s.purchasesWithPrematureReminder),
    pct(s.purchasesWithReminderMoreThanAWeekEarly),
    worked ? pct(s.reachedInTime) : '-',
    worked ? s.callsPerPurchase.toFixed(2) : '-',
  ];
}

const mark = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

function describeAnswers(m: AnswerModel): string {
  const said = m.fractions ? `said in 1/${m.fractions}s of what they last bought` : 'said exactly';
  return `guesses off by sd ${m.stockNoise} (log), ${said}, ${pct(m.noAnswer)} of calls unanswered (and every call to a household away), ${pct(m.notYet)} of answers a plain "not needed yet"`;
}

/**
 * Scenario 2, the call list worked, beside the sales-only replay: demo shops only (the households'
 * answers come from their true stock). Returns its part of the JSON, null for a real book.
 */
function reportWorkedCallList(histories: EvalHistory[], answers: AnswerModel, lastIntervalMae: number, log: (text?: string) => void) {
  log('');
  log('='.repeat(100));
  if (!histories.some((h) => h.truth)) {
    log("Scenario 2, the call list worked: needs the households' true stock, so demo shops only (not a real book).");
    return null;
  }
  const salesOnlyCycles = outcomes(histories, huitouPredictorFor(histories)).map(unworkedCycle);
  const workedCycles = workedListCycles(histories, answers, 1);
  const salesOnly = scoreListedCycles(salesOnlyCycles);
  const worked = scoreListedCycles(workedCycles);
  const listGoals = checkListGoals(worked, lastIntervalMae);
  log(`Two scenarios side by side, huitou v${FORECAST_VERSION} on the same purchases:`);
  log('  sales only:       the table above: the shop never works its call list; each cycle has the one reminder set at the purchase.');
  log('  call list worked: each day every reminder on Today (overdue ones kept up to their own interval, as the app lists them)');
  log('                    is called once, with no daily capacity; no answer ->');
  log('                    called again the next day. The simulated household answers from its true stock at home:');
  log(`                    ${describeAnswers(answers)}.`);
  log('                    The answer is recorded as the app records a call, and a stock report re-dates the pair through the');
  log('                    same forecast() the app runs for it. The sales stay as generated: a call brings no purchase forward.');
  log('  MAE: of the run-out the book held when the household came (after any stock report). on time / premature / late: judged on');
  log(`  the reminder in effect, the last one the shopkeeper saw on the list by the purchase day (none: late). Every reminder that`);
  log(
    `  reached the list counts too: more than lead+${PREMATURE_SLACK_DAYS} days (or, literally, ${PREMATURE_SLACK_DAYS} days) before the purchase it is premature, even when its`,
  );
  log('  call found the household stocked and re-dated the pair; "purchases with" one cannot be diluted by more calls near the purchase.');
  log('  reached: the household answered a call 0..lead+7 days before the purchase. calls: all calls, unanswered ones included.');
  log('');
  const side = (label: string, f: (s: ListScore) => string, unworked?: string) => [label, unworked ?? f(salesOnly), f(worked)];
  log(
    table(
      ['', 'sales only', 'call list worked'],
      [
        side('purchases scored', (s) => String(s.predictions)),
        side('MAE d (run-out in effect)', (s) => days(s.mae)),
        side('bias d', (s) => days(s.bias)),
        side('on time (reminder in effect)', (s) => pct(s.onTime)),
        side(`premature (in effect, > lead+${PREMATURE_SLACK_DAYS} d)`, (s) => pct(s.premature)),
        side('late (no reminder seen before)', (s) => pct(s.late)),
        side(`in effect > ${PREMATURE_SLACK_DAYS} days before (literal)`, (s) => pct(s.moreThanAWeekEarly)),
        side('reminders on the list per purchase', (s) => s.remindersPerPurchase.toFixed(2)),
        side(`premature reminders, share of reminders (lead+${PREMATURE_SLACK_DAYS})`, (s) => pct(s.prematureReminders)),
        side(`  literal: > ${PREMATURE_SLACK_DAYS} days before`, (s) => pct(s.remindersMoreThanAWeekEarly)),
        side(`purchases with a premature reminder (lead+${PREMATURE_SLACK_DAYS})`, (s) => pct(s.purchasesWithPrematureReminder)),
        side(`  literal: > ${PREMATURE_SLACK_DAYS} days before`, (s) => pct(s.purchasesWithReminderMoreThanAWeekEarly)),
        side('reached in time (answered 0..lead+7 d before)', (s) => pct(s.reachedInTime), '-'),
        side('calls per purchase', (s) => s.callsPerPurchase.toFixed(2), '-'),
        side('  of them answered', (s) => s.answeredCallsPerPurchase.toFixed(2), '-'),
      ],
    ),
  );
  log('');
  log('Per product (sales only / call list worked):');
  const salesByProduct = groupByProduct(salesOnlyCycles);
  const workedByProduct = groupByProduct(workedCycles);
  const productRows: string[][] = [];
  const workedProducts: Record<string, unknown> = {};
  for (const [product, cycles] of salesByProduct) {
    const w = scoreListedCycles(workedByProduct.get(product) ?? []);
    productRows.push(listRow(`${product}: sales only`, scoreListedCycles(cycles), false), listRow(`${product}: worked`, w, true));
    workedProducts[product] = scoreJson(w);
  }
  log(table(listHeaders, productRows));
  log('');
  log("How much the worked list hangs on the households' answers (the realistic ones are chosen, not tuned; see forecastEvalCalls.ts):");
  const sensitivity = [
    { label: 'the answers above', model: answers, seed: 1, score: worked },
    ...SENSITIVITY.map(({ label, model, seed }) => ({ label, model, seed, score: scoreListedCycles(workedListCycles(histories, model, seed)) })),
  ];
  log(
    table(
      listHeaders,
      sensitivity.map(({ label, score }) => listRow(label, score, true)),
    ),
  );
  log('');
  log(`Goals with the call list worked: on-time ${pct(listGoals.onTime.value)} (>= ${pct(listGoals.onTime.goal)}) ${mark(listGoals.onTime.pass)};`);
  log(
    `       premature: purchases with a premature reminder ${pct(listGoals.premature.value)} (<= ${pct(listGoals.premature.goal)}) ${mark(listGoals.premature.pass)};`,
  );
  log(
    `         (read literally, "more than ${PREMATURE_SLACK_DAYS} days before": ${pct(worked.purchasesWithReminderMoreThanAWeekEarly)} of purchases, ${pct(worked.remindersMoreThanAWeekEarly)} of reminders)`,
  );
  log(
    `       MAE ${days(worked.mae)} d vs last-interval ${days(lastIntervalMae)} d: ${pct(listGoals.maeImprovement.value)} better (>= ${pct(listGoals.maeImprovement.goal)}) ${mark(listGoals.maeImprovement.pass)};`,
  );
  log(`       at ${worked.callsPerPurchase.toFixed(2)} calls per purchase (${worked.answeredCallsPerPurchase.toFixed(2)} answered).`);
  return {
    answers,
    salesOnly: scoreJson(salesOnly),
    worked: scoreJson(worked),
    byProduct: workedProducts,
    sensitivity: sensitivity.map(({ label, model, seed, score }) => ({ label, model, seed, score: scoreJson(score) })),
    goals: Object.fromEntries(Object.entries(listGoals).map(([k, v]) => [k, { value: round(v.value), goal: v.goal, pass: v.pass }])),
    pass: listGoals.onTime.pass && listGoals.premature.pass && listGoals.maeImprovement.pass,
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const log = options.quiet ? () => {} : (text = '') => console.log(text);
  let histories: EvalHistory[];
  let source: Record<string, unknown>;
  if (options.db) {
    histories = readHistoriesFromDb(options.db);
    source = { kind: 'db', path: options.db };
  } else {
    histories = demoHistories(options, options.presets);
    source = { kind: 'demo', presets: options.presets, seeds: options.seeds, households: options.households, days: options.days, endDate: options.endDate };
  }

  const overall = evaluateForecasts(histories);
  const byProduct = evaluateByProduct(histories);
  const goals = checkGoals(overall);
  // The hindsight reference (simulated shops only), scored on the same purchases as the methods.
  const hindsightList = hindsightOutcomes(histories);
  const ceiling = hindsightList ? scoreOutcomes(hindsightList) : null;
  const ceilingByProduct = new Map([...groupByProduct(hindsightList ?? [])].map(([k, v]) => [k, scoreOutcomes(v)]));
  const hindsightRow = (prefix: string, s: MethodScore | undefined) => (s ? [scoreRow(`${prefix}hindsight (true use)`, s)] : []);

  log(`Huitou forecast evaluation (method version ${FORECAST_VERSION})`);
  log(
    options.db
      ? `Source: ${options.db} (read-only): ${overall.pairs} household-product pairs, ${overall.purchases} sales (same-day sales of a pair count as one purchase).`
      : `Source: simulated shops (scripts/forecastEvalShop.ts), seeds ${options.seeds.join(', ')}, ${options.households} households each, ${options.days} days: ${overall.pairs} household-product pairs, ${overall.purchases} purchases; season presets ${options.presets ? 'on (gas winter, water summer, as the default catalog has them)' : 'off (--no-presets)'}.`,
  );
  log('Each purchase with at least two before it is predicted from those before it (replayed in date order).');
  log(`on time: the reminder came 0..lead+${PREMATURE_SLACK_DAYS} days before the purchase; premature: more than lead+${PREMATURE_SLACK_DAYS} days before;`);
  log('late: after the purchase (the household came first). These three are strict: the first reminder only.');
  log(
    `* listed: the household was on the due list (first reminder or still overdue, up to ${LAPSED_AFTER_DAYS} days) within lead+${PREMATURE_SLACK_DAYS} days`,
  );
  log('  before the purchase, as the app keeps an unanswered reminder on the list. Shown beside, never instead of, the strict figures.');
  log('');
  log(table(scoreHeaders, [...reportRows(overall), ...hindsightRow('', ceiling ?? undefined)]));
  log('');
  log('Per product:');
  const productRows: string[][] = [];
  for (const [product, report] of byProduct) {
    productRows.push(...reportRows(report, `${product}: `), ...hindsightRow(`${product}: `, ceilingByProduct.get(product)));
  }
  log(table(scoreHeaders, productRows));

  // The table scores purchases with two or more before them (the baselines need two). The second purchase
  // also had a reminder, from the prior alone: scored too, it shows what a new customer's first cycle costs.
  const fromSecond = scoreOutcomes(outcomes(histories, huitouPredictorFor(histories), 1));
  log('');
  log(
    `Scoring each second purchase too (its reminder came from the prior alone): ${fromSecond.predictions} predictions, on time ${pct(fromSecond.onTime)}, premature ${pct(fromSecond.premature)}, late ${pct(fromSecond.late)}.`,
  );

  const causes = missCauses(histories);
  if (causes) {
    log('');
    log('Huitou by what happened in the cycle ending with the purchase, or else in the cycle before (demo generator events;');
    log('each purchase under one cause, this cycle first). "late/prem. of all": points of the on-time rate that cause costs.');
    const causeRows = causes.map((c) => [
      c.cause,
      String(c.purchases),
      pct(c.share),
      pct(c.onTime),
      pct(c.premature),
      pct(c.late),
      pct(c.lateOfAll),
      pct(c.prematureOfAll),
    ]);
    log(table(['cycle event', 'purchases', 'share', 'on time', 'premature', 'late', 'late of all', 'prem. of all'], causeRows));
  }
  if (ceiling) {
    log('');
    log(`Hindsight reference: each household's long-run use known from its whole history (event cycles left out), reminders mid-window:`);
    log(
      `  MAE ${days(ceiling.mae)} d, on time ${pct(ceiling.onTime)}, premature ${pct(ceiling.premature)}, late ${pct(ceiling.late)}. What it misses (trips, purchases elsewhere,`,
    );
    log('  early visits, use noise) no purchase history announces; it does not know the seasons. Rows "hindsight (true use)" above.');
    const gas = [...byProduct.keys()].find((k) => /gas/i.test(k));
    // The goals: on time above hindsight overall and for gas; premature <= 10 % (of all purchases);
    // run-out error below hindsight. A product's premature share is shown beside hindsight's, not held to
    // 10 %: gas's noise (trips, purchases elsewhere over a 30-120 day cylinder) puts hindsight itself at ~20 %.
    const versus = (label: string, ours: MethodScore, theirs: MethodScore | undefined, whole: boolean) => {
      if (!theirs) return;
      const premature = whole
        ? `premature ${pct(ours.premature)} (<= 10 %) ${mark(ours.premature <= 0.1)}`
        : `premature ${pct(ours.premature)} (hindsight ${pct(theirs.premature)})`;
      log(
        `  ${label}: on time ${pct(ours.onTime)} vs hindsight ${pct(theirs.onTime)} ${mark(ours.onTime > theirs.onTime)}; ${premature}` +
          `; run-out error ${days(ours.mae)} d vs hindsight ${days(theirs.mae)} d ${mark(ours.mae < theirs.mae)}`,
      );
    };
    log('Goals against the hindsight reference (issue 16):');
    versus('overall', overall.huitou, ceiling, true);
    if (gas) versus(gas, byProduct.get(gas)!.huitou, ceilingByProduct.get(gas), false);
  }

  log('');
  log(`Goals: on-time ${pct(goals.onTime.value)} (>= ${pct(goals.onTime.goal)}) ${mark(goals.onTime.pass)};`);
  log(`       premature ${pct(goals.premature.value)} (<= ${pct(goals.premature.goal)}) ${mark(goals.premature.pass)};`);
  log(
    `         (read literally, "more than ${PREMATURE_SLACK_DAYS} days before the purchase", overlapping on time: ${pct(overall.huitou.moreThanAWeekEarly)}; last interval ${pct(overall.lastInterval.moreThanAWeekEarly)})`,
  );
  log(
    `       MAE ${days(overall.huitou.mae)} d vs last-interval ${days(overall.lastInterval.mae)} d: ${pct(goals.maeImprovement.value)} better (>= ${pct(goals.maeImprovement.goal)}) ${mark(goals.maeImprovement.pass)}.`,
  );

  const workedJson = reportWorkedCallList(histories, options.answers, overall.lastInterval.mae, log);

  const json = {
    version: 1,
    forecastVersion: FORECAST_VERSION,
    source,
    definitions: {
      error: 'actual purchase date - predicted run-out date (days)',
      onTime: `0 <= actual - reminder <= lead + ${PREMATURE_SLACK_DAYS}`,
      premature: `actual - reminder > lead + ${PREMATURE_SLACK_DAYS}`,
      late: 'actual - reminder < 0',
      listed: `0 <= actual - reminder <= ${LAPSED_AFTER_DAYS} + lead + ${PREMATURE_SLACK_DAYS} (reminder stays on the list while overdue)`,
    },
    overall: reportJson(overall),
    byProduct: Object.fromEntries([...byProduct].map(([k, v]) => [k, reportJson(v)])),
    fromSecondPurchase: scoreJson(fromSecond),
    missCauses: causes,
    hindsightCeiling: ceiling ? scoreJson(ceiling) : null,
    hindsightByProduct: Object.fromEntries([...ceilingByProduct].map(([k, v]) => [k, scoreJson(v)])),
    goals: Object.fromEntries(Object.entries(goals).map(([k, v]) => [k, { value: round(v.value), goal: v.goal, pass: v.pass }])),
    pass: goals.onTime.pass && goals.premature.pass && goals.maeImprovement.pass,
    workedCallList: workedJson,
  };
  console.log(`FORECAST_EVAL_JSON ${JSON.stringify(json)}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
