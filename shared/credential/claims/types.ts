// The credential types, in a module of their own without the schemas (and so without zod): what
// names a type can be checked against without loading what validates one (the CLI's `issue`
// checks its argument before it knows whether it will validate in this thread at all).

export const CREDENTIAL_TYPES = ['parcel', 'receipt', 'listing', 'brand-authorization', 'trust-bundle'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
