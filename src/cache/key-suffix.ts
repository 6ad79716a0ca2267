import { bad } from '../trust/refusal.js';

/** The longest build-cache key the suffix can end up in (SPEC §4); the service refuses longer ones. */
export const MAX_CACHE_KEY = 512;
/** Room for `go-paas-build-build-<os>-<arch>-go<version>-<16 hex>-` and `-<run id>-<attempt>`. */
const CACHE_KEY_BASE = 'go-paas-build-build-freebsd-riscv64-go1.999.999-beta.99-0123456789abcdef-';

/** The cache-key-suffix input: no comma or control character, and every key within the limit. */
export function cacheKeySuffix(
  suffix: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (/[,\p{Cc}]/u.test(suffix)) {
    throw bad(
      'cache-key-suffix',
      suffix,
      'not usable in a cache key; it cannot hold a comma or a control character',
    );
  }
  const tail = `-${env.GITHUB_RUN_ID || '99999999999'}-${env.GITHUB_RUN_ATTEMPT || '99'}`;
  const longest = CACHE_KEY_BASE.length + suffix.length + tail.length;
  if (longest > MAX_CACHE_KEY) {
    throw bad(
      'cache-key-suffix',
      suffix,
      `too long: the cache keys would exceed ${MAX_CACHE_KEY} characters; use at most ${MAX_CACHE_KEY - CACHE_KEY_BASE.length - tail.length} characters`,
    );
  }
  return suffix;
}
