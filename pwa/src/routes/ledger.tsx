// The quota dashboard: this year's usage from the consumer's own signed receipts, a what-if, the
// reconciliation with the official look-up, returns, and the data-safety tools (export, import).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { parseYuan } from '../../../shared/money/index.ts';
import { LEDGER_LIMITS, ledgerError, type LedgerOrder } from '../../../shared/ledger/index.ts';
import type { OrderUsage } from '../../../shared/quota/index.ts';
import {
  addManualOrder,
  appDatabase,
  ensurePersisted,
  exportLedgerCsv,
  exportLedgerJson,
  importLedgerJson,
  saveOfficialFigure,
  setReturned,
  useLiveQuery,
} from '../../db/index.ts';
import { useI18n } from '../i18n.ts';
import { RouteHeading, useActionFocus } from '../focus.tsx';
import { announce } from '../announcer.tsx';
import { navigate } from '../router.ts';
import { inAppTarget } from '../scan/target.ts';
import { QuotaMeter } from '../components/quota-meter.tsx';
import { TrustStatus, useTrust } from '../components/trust-status.tsx';
import { chinaDate, chinaYear } from '../../../shared/policy/index.ts';
import { reconcileYear, whatIf, yearSummary } from '../quota-view.ts';
import { checkReceipt, parcelCheckFor } from '../verification.ts';

interface Refusal {
  id: string;
  code: string;
  text: string;
}

function parseAmount(text: string): number | undefined {
  try {
    const fen = parseYuan(text.replace(/[¥,\s]/g, ''));
    return fen >= 0 ? fen : undefined;
  } catch {
    return undefined;
  }
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chosen file's text; files far beyond any ledger are not read into memory at all. */
async function readFileText(input: HTMLInputElement): Promise<string | undefined | null> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return undefined;
  return file.size > LEDGER_LIMITS.maxBytes ? null : file.text();
}

function OrderRow({ order, usage, parcels, merchant }: { order: LedgerOrder; usage: OrderUsage | undefined; parcels: number; merchant: string | undefined }) {
  const { t, tn, money, date } = useI18n();
  const [editing, setEditing] = useState(false);
  const [returnDate, setReturnDate] = useState(() => chinaDate(Date.now()));
  const returned = order.returnedOn !== undefined;
  const outcome = usage?.returns[0]?.outcome;
  // Each of these buttons goes away when used: focus moves to what replaces it — the date field,
  // the "returned on …" note after Save, the "Mark returned" button after Undo or Cancel.
  const dateFocus = useActionFocus<HTMLInputElement>();
  const noteFocus = useActionFocus<HTMLParagraphElement>();
  const markFocus = useActionFocus<HTMLButtonElement>();
  return (
    <li class={returned ? 'returned' : ''} data-order-id={order.orderId}>
      <div class="top">
        <span>{merchant ?? order.orderId}</span>
        <span class="amount" data-dutiable-fen={order.dutiableValueFen}>
          {money(order.dutiableValueFen)}
        </span>
      </div>
      <p class="hint">
        {order.orderId} · {date(order.orderedAt)} · {t('ledger.taxes')} <span data-tax-fen={order.taxFen}>{money(order.taxFen)}</span>
        {order.source === 'manual' && <> · <span class="tag">{t('ledger.manual')}</span></>}
        {parcels > 0 && <> · {tn('ledger.parcels', parcels)}</>}
      </p>
      {returned && (
        <p class={`notice ${outcome === 'outside-window' ? 'notice-warn' : 'notice-good'}`} ref={noteFocus.ref} tabIndex={-1} data-return-outcome={outcome}>
          {t('ledger.returned', { date: date(`${order.returnedOn}T12:00:00+08:00`) })} —{' '}
          {outcome === 'outside-window' ? t('ledger.returnLate') : t('ledger.returnRestores')}
        </p>
      )}
      {returned ? (
        <button
          type="button"
          class="button ghost"
          onClick={() => {
            markFocus.arm();
            void setReturned(appDatabase(), order.orderId, undefined);
          }}
        >
          {t('ledger.returnUndo')}
        </button>
      ) : editing ? (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            noteFocus.arm();
            void setReturned(appDatabase(), order.orderId, returnDate).then(() => setEditing(false));
          }}
        >
          <label for={`ret-${order.orderId}`} class="visually-hidden">
            {t('ledger.returnDate')}
          </label>
          <input
            id={`ret-${order.orderId}`}
            ref={dateFocus.ref}
            type="date"
            value={returnDate}
            required
            style={{ width: 'auto' }}
            onInput={(e) => setReturnDate((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button primary">
            {t('ledger.returnSave')}
          </button>
          <button
            type="button"
            class="button ghost"
            onClick={() => {
              markFocus.arm();
              setEditing(false);
            }}
          >
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <button
          type="button"
          class="button ghost"
          ref={markFocus.ref}
          data-action="mark-returned"
          onClick={() => {
            dateFocus.arm();
            setEditing(true);
          }}
        >
          {t('ledger.markReturned')}
        </button>
      )}
    </li>
  );
}

export function LedgerRoute() {
  const i18n = useI18n();
  const { t, tn, money, pick, locale } = i18n;
  const trust = useTrust();
  const policy = trust.status === 'ready' ? trust.bundle.policy : undefined;
  // Receipts name the seller by its party id; the trust data knows its display name.
  const merchantName = (id: string | undefined) => {
    const issuer = id && trust.status === 'ready' ? trust.bundle.issuers.get(id) : undefined;
    return issuer ? pick(issuer.name) : id;
  };
  const db = appDatabase();
  const data = useLiveQuery(
    async () => ({
      orders: (await db.orders.toArray()) as LedgerOrder[],
      parcels: await db.parcels.toArray(),
      figures: await db.officialFigures.toArray(),
    }),
    [],
  );
  const [year, setYear] = useState(() => chinaYear(Date.now()));
  const [whatIfText, setWhatIfText] = useState('');
  const [whatIfResult, setWhatIfResult] = useState<string | undefined>(undefined);
  const [officialText, setOfficialText] = useState('');
  const [message, setMessage] = useState<{ tone: 'good' | 'warn' | 'bad'; text: string; refusals?: Refusal[] } | undefined>(undefined);
  const [persisted, setPersisted] = useState<boolean | undefined>(undefined);
  const [manual, setManual] = useState({ orderId: '', date: chinaDate(Date.now()), value: '', tax: '', merchant: '' });

  const orders = data.status === 'ready' ? data.value.orders : [];
  const summary = useMemo(() => yearSummary(orders, year, policy), [orders, year, policy]);
  const years = useMemo(() => {
    const set = new Set<number>([chinaYear(Date.now()), year]);
    for (const o of orders) set.add(chinaYear(o.releasedAt ?? o.orderedAt));
    return [...set].toSorted((a, b) => b - a);
  }, [orders, year]);
  const figure = data.status === 'ready' ? data.value.figures.find((f) => f.year === year) : undefined;
  const reconciliation = figure ? reconcileYear(orders, figure.usedFen, year, policy) : undefined;
  const parcelsByOrder = new Map<string, number>();
  for (const p of data.status === 'ready' ? data.value.parcels : []) {
    if (p.orderId) parcelsByOrder.set(p.orderId, (parcelsByOrder.get(p.orderId) ?? 0) + 1);
  }

  // What these forms answer is spoken through the shell's live region (announcer.tsx); the
  // answers shown here come and go, so they are not live regions themselves.
  const show = (m: NonNullable<typeof message>) => {
    setMessage(m);
    announce(m.text);
  };
  const showWhatIf = (text: string) => {
    setWhatIfResult(text);
    announce(text);
  };
  const officialSaved = useRef(false);
  useEffect(() => {
    if (!officialSaved.current || !reconciliation) return;
    officialSaved.current = false;
    announce(reconciliation.advice[locale].join(' '));
  }, [reconciliation?.status, reconciliation?.unexplainedFen, figure?.usedFen]);

  const afterEntry = async () => setPersisted(await ensurePersisted(db, navigator.storage));

  const onWhatIf = (e: Event) => {
    e.preventDefault();
    const fen = parseAmount(whatIfText);
    if (fen === undefined) {
      showWhatIf(t('ledger.whatIf.bad'));
      return;
    }
    showWhatIf(pick(whatIf(summary, fen, policy).message));
  };

  const onOfficial = (e: Event) => {
    e.preventDefault();
    const fen = parseAmount(officialText);
    if (fen === undefined) {
      show({ tone: 'warn', text: t('ledger.whatIf.bad') });
      return;
    }
    officialSaved.current = true;
    void saveOfficialFigure(db, year, fen);
  };

  const onManual = async (e: Event) => {
    e.preventDefault();
    const value = parseAmount(manual.value);
    const tax = parseAmount(manual.tax || '0');
    if (value === undefined || tax === undefined || !manual.orderId.trim()) {
      show({ tone: 'warn', text: t('ledger.whatIf.bad') });
      return;
    }
    const result = await addManualOrder(db, {
      orderId: manual.orderId.trim(),
      orderedAt: `${manual.date}T12:00:00+08:00`,
      dutiableValueFen: value,
      taxFen: tax,
      ...(manual.merchant.trim() ? { merchant: manual.merchant.trim() } : {}),
    });
    if (result.ok) {
      setManual({ ...manual, orderId: '', value: '', tax: '', merchant: '' });
      setMessage(undefined);
      announce(t('ledger.manual.added', { order: manual.orderId.trim() }));
      await afterEntry();
    } else {
      show({ tone: 'warn', text: `${t('ledger.whatIf.bad')} (${result.field})` });
    }
  };

  const onReceiptFile = async (e: Event) => {
    const text = await readFileText(e.currentTarget as HTMLInputElement);
    if (text === undefined) return;
    if (text === null) {
      show({ tone: 'bad', text: t('receipt.rejected') });
      return;
    }
    const target = inAppTarget(text.replace(/^\uFEFF/, ''));
    if (target.kind === 'route') navigate(`/receipts/import#${target.fragment}`);
    else show({ tone: 'bad', text: t('receipt.rejected') });
  };

  const onBackupFile = async (e: Event) => {
    const text = await readFileText(e.currentTarget as HTMLInputElement);
    if (text === undefined) return;
    if (text === null) {
      show({ tone: 'bad', text: pick(ledgerError('ledger/too-large')) });
      return;
    }
    const result = await importLedgerJson(db, text, checkReceipt, { parcelCheck: parcelCheckFor });
    if (!result.ok) {
      show({ tone: 'bad', text: pick(result.error) });
      return;
    }
    const { rejected, rejectedParcels, rejectedFigures, corrected, contents } = result.value;
    // Each refusal named: what (order, parcel, figure), its code and the sentence why.
    const refusals: Refusal[] = [
      ...rejected.map((r) => ({ id: r.orderId, code: r.error.code, text: pick(r.error) + (r.reason ? ` (${pick(r.reason)})` : '') })),
      ...rejectedParcels.map((r) => ({ id: r.parcelId, code: r.error.code, text: pick(r.error) + (r.reason ? ` (${pick(r.reason)})` : '') })),
      ...rejectedFigures.map((r) => ({ id: String(r.year), code: r.error.code, text: pick(r.error) })),
    ];
    const lines = [tn('ledger.import.done', contents.orders.length)];
    if (corrected.length) lines.push(tn('ledger.import.corrected', corrected.length));
    if (refusals.length) lines.push(tn('ledger.import.rejected', refusals.length));
    // A backup whose figures had to be corrected was edited after export: say so as a warning too.
    show({ tone: refusals.length || corrected.length ? 'warn' : 'good', text: lines.join(' '), refusals });
    await afterEntry();
  };

  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby="ledger-title" data-ledger-loaded={data.status === 'ready' ? '' : undefined}>
      <RouteHeading id="ledger-title" text={t('ledger.title')} />
      {message && (
        <div class={`notice notice-${message.tone}`} data-ledger-message={message.tone}>
          <p>{message.text}</p>
          {message.refusals && message.refusals.length > 0 && (
            <ul data-ledger-refusals="">
              {message.refusals.map((r) => (
                <li data-refusal={r.code} data-refused-id={r.id}>
                  <code>{r.id}</code> — {r.text} <span class="muted">[{r.code}]</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="columns">
        <div>
          <section class="card" aria-labelledby="year-title" data-ledger-year={year}>
            <div class="row" style={{ justifyContent: 'space-between' }}>
              <h2 id="year-title">{year}</h2>
              <label class="visually-hidden" for="year">
                {t('ledger.year')}
              </label>
              <select id="year" style={{ width: 'auto' }} value={year} onChange={(e) => setYear(Number((e.currentTarget as HTMLSelectElement).value))}>
                {years.map((y) => (
                  <option value={y}>{y}</option>
                ))}
              </select>
            </div>
            <QuotaMeter summary={summary} />
            <p>
              {t('ledger.taxes')}: <strong data-taxes-fen={summary.taxFen}>{money(summary.taxFen)}</strong>
            </p>
            <p class="hint">{t('ledger.estimate')}</p>
          </section>

          <section class="card" aria-labelledby="orders-title">
            <h2 id="orders-title">{t('ledger.orders')}</h2>
            {summary.orders.length === 0 ? (
              <p class="muted">{t('ledger.noOrders', { year })}</p>
            ) : (
              <ul class="orders" data-orders="">
                {summary.orders.map((o) => (
                  <OrderRow
                    key={o.orderId}
                    order={o}
                    usage={summary.usage.orders.find((u) => u.orderId === o.orderId)}
                    parcels={parcelsByOrder.get(o.orderId) ?? 0}
                    merchant={merchantName(o.merchant)}
                  />
                ))}
              </ul>
            )}
            <div class="fallbacks">
              <label class="button" for="receipt-file">
                {t('receipt.file')}
              </label>
              <input id="receipt-file" class="visually-hidden" type="file" accept=".txt,.json,text/plain" onChange={(e) => void onReceiptFile(e)} />
            </div>
          </section>
        </div>
        <div>
          <form class="card" onSubmit={onWhatIf} aria-labelledby="whatif-title">
            <h2 id="whatif-title">{t('ledger.whatIf.title')}</h2>
            <div class="field">
              <label for="whatif">{t('ledger.whatIf.label')}</label>
              <input id="whatif" inputMode="decimal" value={whatIfText} onInput={(e) => setWhatIfText((e.currentTarget as HTMLInputElement).value)} />
            </div>
            <button type="submit" class="button primary">
              {t('ledger.whatIf.check')}
            </button>
            {whatIfResult && (
              <p class="notice" data-whatif-result="">
                {whatIfResult}
              </p>
            )}
          </form>

          <form class="card" onSubmit={onOfficial} aria-labelledby="reconcile-title">
            <h2 id="reconcile-title">{t('ledger.reconcile.title')}</h2>
            <div class="field">
              <label for="official">{t('ledger.reconcile.label')}</label>
              <input
                id="official"
                inputMode="decimal"
                value={officialText}
                placeholder={figure ? money(figure.usedFen) : ''}
                onInput={(e) => setOfficialText((e.currentTarget as HTMLInputElement).value)}
              />
            </div>
            <button type="submit" class="button primary">
              {t('ledger.reconcile.save')}
            </button>
            {reconciliation && (
              <div
                class={`notice ${reconciliation.status === 'unexplained-usage' ? 'notice-bad' : reconciliation.status === 'consistent' ? 'notice-good' : 'notice-warn'}`}
                data-reconcile={reconciliation.status}
                data-unexplained-fen={reconciliation.unexplainedFen}
              >
                {reconciliation.advice[locale].map((line) => (
                  <p>{line}</p>
                ))}
              </div>
            )}
          </form>

          <details class="card">
            <summary>{t('ledger.addManual')}</summary>
            <form onSubmit={(e) => void onManual(e)}>
              {(
                [
                  ['orderId', 'ledger.manual.id', 'text'],
                  ['date', 'ledger.manual.date', 'date'],
                  ['value', 'ledger.manual.value', 'text'],
                  ['tax', 'ledger.manual.tax', 'text'],
                  ['merchant', 'ledger.manual.merchant', 'text'],
                ] as const
              ).map(([key, label, type]) => (
                <div class="field">
                  <label for={`manual-${key}`}>{t(label)}</label>
                  <input
                    id={`manual-${key}`}
                    // Preact's input types are discriminated by `type`; the two used here both take a string value.
                    type={type as 'text'}
                    {...(key === 'value' || key === 'tax' ? { inputMode: 'decimal' as const } : {})}
                    value={manual[key]}
                    onInput={(e) => setManual({ ...manual, [key]: (e.currentTarget as HTMLInputElement).value })}
                  />
                </div>
              ))}
              <button type="submit" class="button primary">
                {t('ledger.manual.save')}
              </button>
            </form>
          </details>

          <section class="card" aria-labelledby="data-title">
            <h2 id="data-title">{t('ledger.data.title')}</h2>
            <p class="hint">{t('ledger.data.body')}</p>
            <div class="fallbacks">
              <button type="button" class="button" data-export="json" onClick={() => void exportLedgerJson(db).then((j) => download(`crosscheck-ledger-${stamp}.json`, j, 'application/json'))}>
                {t('ledger.export.json')}
              </button>
              <button type="button" class="button" data-export="csv" onClick={() => void exportLedgerCsv(db).then((c) => download(`crosscheck-ledger-${stamp}.csv`, c, 'text/csv;charset=utf-8'))}>
                {t('ledger.export.csv')}
              </button>
              <label class="button" for="backup-file">
                {t('ledger.import.json')}
              </label>
              <input id="backup-file" class="visually-hidden" type="file" accept=".json,application/json" onChange={(e) => void onBackupFile(e)} />
            </div>
            {persisted !== undefined && <p class="hint">{persisted ? t('ledger.persist.granted') : t('ledger.persist.denied')}</p>}
          </section>
          <TrustStatus compact />
        </div>
      </div>
    </section>
  );
}
