// shared/catalog: tax classes, the title classifier, the net-content parser and the CBEC positive
// list. Pure TypeScript: no DOM, no Node built-ins. See README.md in this folder.
export { TAX_CLASS_IDS, isTaxClassId, type TaxClassId, type NetContent } from './tax-classes.ts';
export { TAX_CLASS_LABELS, taxClassLabel, type TaxClassLabel } from './tax-class-labels.ts';
export { classifyTitle, type TitleClassification } from './classify.ts';
export { CLASSIFIER_RULES, type ClassifierRule } from './classifier-rules.ts';
export { normaliseTitle, MAX_RAW_TITLE_UNITS, MAX_TITLE_CODE_POINTS } from './title-text.ts';
export {
  parseNetContent,
  readNetContent,
  findNetContents,
  pricePerUnitFen,
  reachesUnitPrice,
  netContentMilliUnits,
  netContentOfUnitWord,
  NET_CONTENT_UNIT_WORDS,
  NET_CONTENT_UNIT_WORD_LIST,
  NET_CONTENT_MESSAGES,
  type ParsedNetContent,
  type NetContentResult,
  type NetContentErrorCode,
  type NetContentSystem,
} from './net-content.ts';
export {
  loadPositiveListCsv,
  lookupPositiveList,
  bundledPositiveList,
  isValidHs8,
  POSITIVE_LIST_COLUMNS,
  POSITIVE_LIST_EDITIONS,
  type PositiveListEdition,
  type PositiveList,
  type PositiveListEntry,
  type PositiveListLoad,
  type PositiveListLoadOptions,
  type PositiveListError,
  type PositiveListErrorCode,
  type PositiveListLookup,
  type PositiveListRemark,
  type PositiveListRemarkKind,
  type PositiveListProvenance,
  type HsCodeErrorCode,
} from './positive-list.ts';
