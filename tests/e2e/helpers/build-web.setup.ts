// @ts-expect-error: a plain ES module of the launcher scripts, without type declarations.
import { buildWeb } from '../../../scripts/build-web.mjs';

export default async function setup(): Promise<void> {
  await buildWeb();
}
