export const CLI_OUT_DIR: string;
export function staleReason(): string | null;
export function buildCli(): Promise<string>;
export function ensureCliBuilt(): Promise<string>;
