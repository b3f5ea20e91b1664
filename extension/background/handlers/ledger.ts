// The ledger and the quota: this year's usage and reconciliation from the stored ledger
// (shared/ledger's format, the same as the PWA's, counted by shared/quota's quotaEntries); and the
// messages that read or write the ledger (status, the official figure, export, import).
import { importLedger, mergeLedgers, serializeLedger, type LedgerContents } from '../../../shared/ledger/index.ts';
import { chinaDate, chinaYear, type Policy } from '../../../shared/policy/index.ts';
import { calendarYearUsage, quotaEntries, reconcile } from '../../../shared/quota/index.ts';
import { ledgerParcelCheck, ledgerReceiptCheck } from '../../../shared/verdict/index.ts';
import type { ActionAnswer, LedgerExportAnswer, Locale, StatusAnswer } from '../../messages.ts';
import { readAppLink, readLedger, readOwner, readSettings, recordEdit, writeLedger } from '../../state.ts';
import { backgroundText } from '../catalogue.ts';
import { judging, verifyOptions, type BackgroundDeps } from '../context.ts';
import { trustStatus } from './trust.ts';


export interface QuotaState {
  year: number;
  usedFen: number;
  annualLimitFen: number;
  perOrderLimitFen: number;
  remainingFen: number;
  officialUsedFen: number | null;
  unexplainedFen: number | null;
}

export function quotaState(contents: LedgerContents, now: Date, policy: Policy): QuotaState {
  const today = chinaDate(now);
  const year = chinaYear(now);
  const entries = quotaEntries(contents.orders);
  const usage = calendarYearUsage(entries, year, { policy });
  const quota = policy.at(today).quota();
  const official = contents.officialFigures.find((f) => f.year === year);
  const reconciliation = official ? reconcile(official.usedFen, entries, year, { policy }) : undefined;
  return {
    year,
    usedFen: usage.usedFen,
    annualLimitFen: quota.annualLimitFen,
    perOrderLimitFen: quota.perOrderLimitFen,
    remainingFen: Math.max(0, quota.annualLimitFen - usage.usedFen),
    officialUsedFen: official?.usedFen ?? null,
    unexplainedFen: reconciliation ? reconciliation.unexplainedFen : null,
  };
}

/** ui-bg-get-status: this year's quota from the ledger, the official figure, and the trust data's age. */
export async function status(deps: BackgroundDeps, lang: Locale): Promise<StatusAnswer> {
  const { trust, policy, now } = await judging(deps);
  const ledger = await readLedger(deps.store);
  const quota = quotaState(ledger, now, policy);
  const settings = await readSettings(deps.store);
  const owner = await readOwner(deps.store);
  const link = await readAppLink(deps.store);
  return {
    locale: lang,
    localeSetting: settings.locale,
    year: quota.year,
    usedFen: quota.usedFen,
    annualLimitFen: quota.annualLimitFen,
    perOrderLimitFen: quota.perOrderLimitFen,
    remainingFen: quota.remainingFen,
    orderCount: ledger.orders.length,
    officialUsedFen: quota.officialUsedFen,
    unexplainedFen: quota.unexplainedFen,
    owner: owner ? { idLast4: owner.idLast4, ...(owner.maskedName ? { maskedName: owner.maskedName } : {}) } : null,
    trust: trustStatus(trust, now, lang),
    ...(link ? { appLink: link } : {}),
  };
}

/** ui-bg-set-settings' officialUsedFen: this year's figure from the official look-up (null clears it). */
export async function setOfficialFigure(deps: BackgroundDeps, usedFen: number | null): Promise<void> {
  const ledger = await readLedger(deps.store);
  const now = deps.now();
  const year = chinaYear(now);
  const others = ledger.officialFigures.filter((f) => f.year !== year);
  const figures = usedFen === null ? others : [...others, { year, usedFen, enteredAt: now.toISOString() }];
  await writeLedger(deps.store, { ...ledger, officialFigures: figures });
  // A clear too: the shared ledger follows the later change (SYNC.md).
  await recordEdit(deps.store, `figure:${year}`, now);
}

/** ui-bg-export-ledger: the PWA's file format. */
export async function exportLedger(deps: BackgroundDeps): Promise<LedgerExportAnswer> {
  const now = deps.now();
  return { json: serializeLedger(await readLedger(deps.store), now), fileName: `crosscheck-ledger-${chinaDate(now)}.json` };
}

/** ui-bg-import-ledger: every receipt order is verified before it is merged in. */
export async function importLedgerFile(deps: BackgroundDeps, json: string, lang: Locale): Promise<ActionAnswer> {
  const j = await judging(deps);
  // Parcel records are verified again too (the extension holds the PWA's parcels in the shared ledger).
  const result = await importLedger(json, ledgerReceiptCheck(() => verifyOptions(j)), {
    checkParcel: ledgerParcelCheck(() => verifyOptions(j)),
    now: j.now,
  });
  if (!result.ok) return { ok: false, message: result.error[lang] };
  const merged = mergeLedgers(await readLedger(deps.store), result.value.contents);
  await writeLedger(deps.store, merged);
  return { ok: true, message: backgroundText(lang).ledgerImported(result.value.contents.orders.length, result.value.rejected.length) };
}
