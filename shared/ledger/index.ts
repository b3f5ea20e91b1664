// The consumer ledger's portable format: versioned JSON export/import (verified on import) and CSV.
export * from './errors.ts';
export * from './format.ts';
export * from './import.ts';
export * from './csv.ts';
export * from './sync.ts';
