/**
 * Containers and deposits (押桶 / 欠桶). A slip appends what it moves: containers out and in
 * (`container_moves`) and deposits paid or refunded (`container_deposits`), each row linked to the slip
 * and voided with it. What a household holds, owes and has on deposit is derived from those rows by
 * shared/domain/containers.ts; a refund is priced there too (the prices paid then, oldest first).
 * Deposit money is apart from the slip's payment split: it is the shop's to give back, not takings.
 */
import type { ContainerBalanceRow, ContainerMoveDraftInput, OwingRow, Product, SlipContainer } from '../../../../shared/contract.ts';
import {
  containerBalance,
  containerMoveIssue,
  containerTypes,
  depositsHeld,
  isImpossibleBalance,
  refundAtPaidPrices,
  type ContainerType,
  type DepositFact,
} from '../../../../shared/domain/containers.ts';
import { AppError } from '../../../../shared/errors.ts';
import type { BackendContext } from '../../context.ts';
import type { AreaHandlers } from '../../dispatch.ts';

type MoveDraft = Required<Omit<ContainerMoveDraftInput, 'depositUnitFen'>> & { depositUnitFen?: number | undefined };

interface DepositRow {
  container: ContainerType;
  kind: 'paid' | 'refunded';
  count: number;
  unit_fen: number | null;
  amount_fen: number;
  voided_at: string | null;
}

interface MoveRow {
  container: ContainerType;
  out_count: number;
  in_count: number;
  voided_at: string | null;
}

interface OwingSqlRow {
  customer_id: number;
  name: string;
  phone: string | null;
  area: string;
  container: ContainerType;
  held: number;
  covered: number;
  owes: number;
  last_date: string;
}

/** The slip the moves belong to, as the slips service wrote it. */
export interface SlipRef {
  id: number;
  customerId: number | null;
  date: string;
  now: string;
}

const factOf = (r: Pick<DepositRow, 'kind' | 'count' | 'unit_fen'>): DepositFact =>
  r.kind === 'paid' ? { kind: 'paid', count: r.count, unitFen: r.unit_fen ?? 0 } : { kind: 'refunded', count: r.count };

const invalid = (message: string, path: (string | number)[], issue: string, limit?: number) =>
  new AppError('VALIDATION', message, { issues: [{ path, issue, ...(limit === undefined ? {} : { limit }) }] });

export function createContainersService(ctx: BackendContext) {
  const { db } = ctx;
  const owingFrom = `WITH m AS (SELECT customer_id, container, sum(out_count) - sum(in_count) AS held, max(date) AS last_date
        FROM container_moves WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id, container),
      d AS (SELECT customer_id, container, sum(CASE kind WHEN 'paid' THEN count ELSE -count END) AS covered
        FROM container_deposits WHERE voided_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id, container),
      o AS (SELECT m.customer_id, m.container, m.held, max(0, coalesce(d.covered, 0)) AS covered, m.last_date FROM m
        LEFT JOIN d ON d.customer_id = m.customer_id AND d.container = m.container)
    SELECT o.customer_id, c.name, c.area, o.container, o.held, o.covered, o.held - o.covered AS owes, o.last_date,
      (SELECT phone FROM customer_phones p WHERE p.customer_id = c.id ORDER BY position LIMIT 1) AS phone
    FROM o JOIN customers c ON c.id = o.customer_id WHERE o.held > o.covered`;
  // Prepared at first use: the migration tests build every service on books that have no such tables yet.
  const prepare = () => ({
    movesOf: db.prepare<[number, number], { container: ContainerType; out: number; returned: number }>(
      `SELECT container, sum(out_count) AS out, sum(in_count) AS returned FROM container_moves
       WHERE customer_id = ? AND voided_at IS NULL AND slip_id != ? GROUP BY container`,
    ),
    // Oldest first: the order refunds draw on deposits.
    depositsOf: db.prepare<[number, number], DepositRow>(
      `SELECT container, kind, count, unit_fen, amount_fen, voided_at FROM container_deposits
       WHERE customer_id = ? AND voided_at IS NULL AND slip_id != ? ORDER BY date, id`,
    ),
    slipCustomer: db.prepare<[number], { customer_id: number | null }>('SELECT customer_id FROM slips WHERE id = ?'),
    slipMoves: db.prepare<[number], MoveRow>('SELECT container, out_count, in_count, voided_at FROM container_moves WHERE slip_id = ? ORDER BY id'),
    slipDeposits: db.prepare<[number], DepositRow>(
      'SELECT container, kind, count, unit_fen, amount_fen, voided_at FROM container_deposits WHERE slip_id = ? ORDER BY id',
    ),
    depositPriceOf: db.prepare<[ContainerType], { deposit_fen: number }>(
      'SELECT deposit_fen FROM products WHERE container = ? AND deposit_fen > 0 AND archived_at IS NULL ORDER BY id LIMIT 1',
    ),
    insertMove: db.prepare(
      `INSERT INTO container_moves (slip_id, customer_id, container, out_count, in_count, date, created_at)
       VALUES (:slipId, :customerId, :container, :out, :in, :date, :now)`,
    ),
    insertDeposit: db.prepare(
      `INSERT INTO container_deposits (slip_id, customer_id, container, kind, count, unit_fen, amount_fen, date, created_at)
       VALUES (:slipId, :customerId, :container, :kind, :count, :unitFen, :amountFen, :date, :now)`,
    ),
    voidMoves: db.prepare<[string, string, number]>('UPDATE container_moves SET voided_at = ?, void_reason = ? WHERE slip_id = ? AND voided_at IS NULL'),
    voidDeposits: db.prepare<[string, string, number]>('UPDATE container_deposits SET voided_at = ?, void_reason = ? WHERE slip_id = ? AND voided_at IS NULL'),
    owing: db.prepare<[number], OwingSqlRow>(`${owingFrom} ORDER BY owes DESC, o.last_date, o.customer_id LIMIT ?`),
    owingTotals: db.prepare<[], { n: number; owes: number | null }>(`SELECT count(DISTINCT customer_id) AS n, sum(owes) AS owes FROM (${owingFrom})`),
  });
  let statements: ReturnType<typeof prepare> | undefined;
  const q = () => (statements ??= prepare());

  /** A household's facts per container type; `withoutSlip`: as they would stand with that slip voided. */
  function factsOf(customerId: number, withoutSlip = 0) {
    const moves = new Map(
      q()
        .movesOf.all(customerId, withoutSlip)
        .map((m) => [m.container, { out: m.out, returned: m.returned }]),
    );
    const deposits = new Map<ContainerType, DepositFact[]>();
    for (const row of q().depositsOf.all(customerId, withoutSlip)) deposits.set(row.container, [...(deposits.get(row.container) ?? []), factOf(row)]);
    return { moves, deposits };
  }

  function balancesOf(customerId: number): ContainerBalanceRow[] {
    const { moves, deposits } = factsOf(customerId);
    return containerTypes
      .filter((c) => moves.has(c) || deposits.has(c))
      .map((c) => containerBalance(c, moves.get(c) ?? { out: 0, returned: 0 }, deposits.get(c) ?? []));
  }

  const emptyBalance = (container: ContainerType) => containerBalance(container, { out: 0, returned: 0 }, []);

  /** The deposit asked per container: typed on the slip, else its product's, else any product's in that container. */
  function depositPrice(move: MoveDraft, lineProducts: readonly Product[]): number | undefined {
    return (
      move.depositUnitFen ??
      lineProducts.find((p) => p.container === move.container && p.depositFen > 0)?.depositFen ??
      q().depositPriceOf.get(move.container)?.deposit_fen
    );
  }

  /** Checks and appends a slip's containers; throws (the slip's transaction then writes nothing) on bad input. */
  function record(slip: SlipRef, drafts: readonly MoveDraft[], lineProducts: readonly Product[]): void {
    const seen = new Set<ContainerType>();
    drafts.forEach((m, i) => {
      if (seen.has(m.container)) throw invalid(`${m.container} is given twice`, ['containers', i, 'container'], 'duplicate_container');
      seen.add(m.container);
    });
    const { customerId } = slip;
    // Most slips move no container: the household's container facts are read only for one that does.
    if (!movesAnything(drafts)) return;
    const before = customerId === null ? null : factsOf(customerId);
    drafts.forEach((move, i) => {
      if (!moves(move)) return;
      const facts = before?.deposits.get(move.container) ?? [];
      const balance = before && containerBalance(move.container, before.moves.get(move.container) ?? { out: 0, returned: 0 }, facts);
      const problem = containerMoveIssue(customerId === null ? null : (balance ?? emptyBalance(move.container)), move);
      if (problem) throw invalid(`${move.container}: ${problem.issue}`, ['containers', i, problem.field], problem.issue, problem.limit);
      const unitFen = move.depositPaid > 0 ? depositPrice(move, lineProducts) : 0;
      if (unitFen === undefined) throw invalid(`no deposit price for ${move.container}`, ['containers', i, 'depositUnitFen'], 'no_deposit_price');
      const row = { slipId: slip.id, customerId, container: move.container, date: slip.date, now: slip.now };
      if (move.out + move.in > 0) q().insertMove.run({ ...row, out: move.out, in: move.in });
      if (move.depositPaid > 0) q().insertDeposit.run({ ...row, kind: 'paid', count: move.depositPaid, unitFen, amountFen: move.depositPaid * unitFen });
      if (move.refunded > 0) {
        const amountFen = refundAtPaidPrices(depositsHeld(facts), move.refunded)!;
        q().insertDeposit.run({ ...row, kind: 'refunded', count: move.refunded, unitFen: null, amountFen });
      }
    });
  }

  /** A slip with a move of no container at all (all counts zero) moves nothing: the slips service asks. */
  const moves = (m: MoveDraft) => m.out + m.in + m.depositPaid + m.refunded > 0;
  const movesAnything = (drafts: readonly MoveDraft[]) => drafts.some(moves);

  function forSlip(slipId: number): { moves: SlipContainer[]; balances: ContainerBalanceRow[] | null } {
    const slip = q().slipCustomer.get(slipId);
    if (!slip) throw new AppError('NOT_FOUND', `slip ${slipId} not found`, { details: { entity: 'slip', id: slipId } });
    const byType = new Map<ContainerType, SlipContainer>();
    const entry = (container: ContainerType, voidedAt: string | null) => {
      const existing = byType.get(container);
      if (existing) return existing;
      const fresh: SlipContainer = { container, out: 0, in: 0, depositPaid: 0, depositPaidFen: 0, refunded: 0, refundedFen: 0, voidedAt };
      byType.set(container, fresh);
      return fresh;
    };
    for (const m of q().slipMoves.all(slipId)) Object.assign(entry(m.container, m.voided_at), { out: m.out_count, in: m.in_count });
    for (const d of q().slipDeposits.all(slipId)) {
      const e = entry(d.container, d.voided_at);
      if (d.kind === 'paid') Object.assign(e, { depositPaid: d.count, depositPaidFen: d.amount_fen });
      else Object.assign(e, { refunded: d.count, refundedFen: d.amount_fen });
    }
    const moves = containerTypes.flatMap((c) => byType.get(c) ?? []);
    return { moves, balances: slip.customer_id === null ? null : balancesOf(slip.customer_id) };
  }

  /**
   * Voids a slip's containers with it. Refused when the household's later slips rest on them: empties
   * brought back or deposits refunded that this slip's containers or deposits made possible.
   */
  function voidSlip(slipId: number, customerId: number | null, now: string, reason: string): void {
    const moves = q()
      .slipMoves.all(slipId)
      .filter((m) => !m.voided_at);
    const deposits = q()
      .slipDeposits.all(slipId)
      .filter((d) => !d.voided_at);
    if (moves.length + deposits.length === 0) return;
    if (customerId !== null) {
      const { moves: sums, deposits: facts } = factsOf(customerId, slipId);
      const broken = containerTypes.find((c) => isImpossibleBalance(sums.get(c) ?? { out: 0, returned: 0 }, facts.get(c) ?? []));
      if (broken)
        throw new AppError('CONTAINERS_VOID_CONFLICT', `voiding slip ${slipId} would leave ${broken} below zero`, { details: { slipId, container: broken } });
    }
    q().voidMoves.run(now, reason, slipId);
    q().voidDeposits.run(now, reason, slipId);
  }

  function owing(limit: number): { rows: OwingRow[]; total: number; owes: number } {
    const rows = q()
      .owing.all(limit)
      .map((r) => ({
        customerId: r.customer_id,
        name: r.name,
        phone: r.phone ?? '',
        area: r.area,
        container: r.container,
        held: r.held,
        depositCount: r.covered,
        owes: r.owes,
        lastDate: r.last_date,
      }));
    const totals = q().owingTotals.get()!;
    return { rows, total: totals.n, owes: totals.owes ?? 0 };
  }

  return { balancesOf, record, movesAnything, forSlip, voidSlip, owing };
}
export type ContainersService = ReturnType<typeof createContainersService>;

export function containersHandlers({
  containers,
  customers,
}: {
  containers: ContainersService;
  customers: { requireExists(id: number): void };
}): AreaHandlers<'containers'> {
  return {
    'containers.forCustomer': ({ customerId }) => {
      customers.requireExists(customerId);
      return containers.balancesOf(customerId);
    },
    'containers.forSlip': ({ slipId }) => containers.forSlip(slipId),
    'containers.owing': ({ limit }) => containers.owing(limit),
  };
}
