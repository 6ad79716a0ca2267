import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9379:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const ANY = Symbol('SemVer ANY')
// hoisted class for cyclic dependency
class Comparator {
  static get ANY () {
    return ANY
  }

  constructor (comp, options) {
    options = parseOptions(options)

    if (comp instanceof Comparator) {
      if (comp.loose === !!options.loose) {
        return comp
      } else {
        comp = comp.value
      }
    }

    comp = comp.trim().split(/\s+/).join(' ')
    debug('comparator', comp, options)
    this.options = options
    this.loose = !!options.loose
    this.parse(comp)

    if (this.semver === ANY) {
      this.value = ''
    } else {
      this.value = this.operator + this.semver.version
    }

    debug('comp', this)
  }

  parse (comp) {
    const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR]
    const m = comp.match(r)

    if (!m) {
      throw new TypeError(`Invalid comparator: ${comp}`)
    }

    this.operator = m[1] !== undefined ? m[1] : ''
    if (this.operator === '=') {
      this.operator = ''
    }

    // if it literally is just '>' or '' then allow anything.
    if (!m[2]) {
      this.semver = ANY
    } else {
      this.semver = new SemVer(m[2], this.options.loose)
    }
  }

  toString () {
    return this.value
  }

  test (version) {
    debug('Comparator.test', version, this.options.loose)

    if (this.semver === ANY || version === ANY) {
      return true
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    return cmp(version, this.operator, this.semver, this.options)
  }

  intersects (comp, options) {
    if (!(comp instanceof Comparator)) {
      throw new TypeError('a Comparator is required')
    }

    if (this.operator === '') {
      if (this.value === '') {
        return true
      }
      return new Range(comp.value, options).test(this.value)
    } else if (comp.operator === '') {
      if (comp.value === '') {
        return true
      }
      return new Range(this.value, options).test(comp.semver)
    }

    options = parseOptions(options)

    // Special cases where nothing can possibly be lower
    if (options.includePrerelease &&
      (this.value === '<0.0.0-0' || comp.value === '<0.0.0-0')) {
      return false
    }
    if (!options.includePrerelease &&
      (this.value.startsWith('<0.0.0') || comp.value.startsWith('<0.0.0'))) {
      return false
    }

    // Same direction increasing (> or >=)
    if (this.operator.startsWith('>') && comp.operator.startsWith('>')) {
      return true
    }
    // Same direction decreasing (< or <=)
    if (this.operator.startsWith('<') && comp.operator.startsWith('<')) {
      return true
    }
    // same SemVer and both sides are inclusive (<= or >=)
    if (
      (this.semver.version === comp.semver.version) &&
      this.operator.includes('=') && comp.operator.includes('=')) {
      return true
    }
    // opposite directions less than
    if (cmp(this.semver, '<', comp.semver, options) &&
      this.operator.startsWith('>') && comp.operator.startsWith('<')) {
      return true
    }
    // opposite directions greater than
    if (cmp(this.semver, '>', comp.semver, options) &&
      this.operator.startsWith('<') && comp.operator.startsWith('>')) {
      return true
    }
    return false
  }
}

module.exports = Comparator

const parseOptions = __nccwpck_require__(356)
const { safeRe: re, t } = __nccwpck_require__(5471)
const cmp = __nccwpck_require__(8646)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)


/***/ }),

/***/ 6782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SPACE_CHARACTERS = /\s+/g

// hoisted class for cyclic dependency
class Range {
  constructor (range, options) {
    options = parseOptions(options)

    if (range instanceof Range) {
      if (
        range.loose === !!options.loose &&
        range.includePrerelease === !!options.includePrerelease
      ) {
        return range
      } else {
        return new Range(range.raw, options)
      }
    }

    if (range instanceof Comparator) {
      // just put it in the set and return
      this.raw = range.value
      this.set = [[range]]
      this.formatted = undefined
      return this
    }

    this.options = options
    this.loose = !!options.loose
    this.includePrerelease = !!options.includePrerelease

    // First reduce all whitespace as much as possible so we do not have to rely
    // on potentially slow regexes like \s*. This is then stored and used for
    // future error messages as well.
    this.raw = range.trim().replace(SPACE_CHARACTERS, ' ')

    // First, split on ||
    this.set = this.raw
      .split('||')
      // map the range to a 2d array of comparators
      .map(r => this.parseRange(r.trim()))
      // throw out any comparator lists that are empty
      // this generally means that it was not a valid range, which is allowed
      // in loose mode, but will still throw if the WHOLE range is invalid.
      .filter(c => c.length)

    if (!this.set.length) {
      throw new TypeError(`Invalid SemVer Range: ${this.raw}`)
    }

    // if we have any that are not the null set, throw out null sets.
    if (this.set.length > 1) {
      // keep the first one, in case they're all null sets
      const first = this.set[0]
      this.set = this.set.filter(c => !isNullSet(c[0]))
      if (this.set.length === 0) {
        this.set = [first]
      } else if (this.set.length > 1) {
        // if we have any that are *, then the range is just *
        for (const c of this.set) {
          if (c.length === 1 && isAny(c[0])) {
            this.set = [c]
            break
          }
        }
      }
    }

    this.formatted = undefined
  }

  get range () {
    if (this.formatted === undefined) {
      this.formatted = ''
      for (let i = 0; i < this.set.length; i++) {
        if (i > 0) {
          this.formatted += '||'
        }
        const comps = this.set[i]
        for (let k = 0; k < comps.length; k++) {
          if (k > 0) {
            this.formatted += ' '
          }
          this.formatted += comps[k].toString().trim()
        }
      }
    }
    return this.formatted
  }

  format () {
    return this.range
  }

  toString () {
    return this.range
  }

  parseRange (range) {
    // strip build metadata so it can't bleed into the version
    range = range.replace(BUILDSTRIPRE, '')

    // memoize range parsing for performance.
    // this is a very hot path, and fully deterministic.
    const memoOpts =
      (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) |
      (this.options.loose && FLAG_LOOSE)
    const memoKey = memoOpts + ':' + range
    const cached = cache.get(memoKey)
    if (cached) {
      return cached
    }

    const loose = this.options.loose
    // `1.2.3 - 1.2.4` => `>=1.2.3 <=1.2.4`
    const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
    range = range.replace(hr, hyphenReplace(this.options.includePrerelease))
    debug('hyphen replace', range)

    // `> 1.2.3 < 1.2.5` => `>1.2.3 <1.2.5`
    range = trimComparatorWhitespace(range)
    debug('comparator trim', range)

    // `~ 1.2.3` => `~1.2.3`
    range = range.replace(re[t.TILDETRIM], tildeTrimReplace)
    debug('tilde trim', range)

    // `^ 1.2.3` => `^1.2.3`
    range = range.replace(re[t.CARETTRIM], caretTrimReplace)
    debug('caret trim', range)

    // At this point, the range is completely trimmed and
    // ready to be split into comparators.

    let rangeList = range
      .split(' ')
      .map(comp => parseComparator(comp, this.options))
      .join(' ')
      .split(/\s+/)
      // >=0.0.0 is equivalent to *
      .map(comp => replaceGTE0(comp, this.options))

    if (loose) {
      // in loose mode, throw out any that are not valid comparators
      rangeList = rangeList.filter(comp => {
        debug('loose invalid filter', comp, this.options)
        return !!comp.match(re[t.COMPARATORLOOSE])
      })
    }
    debug('range list', rangeList)

    // if any comparators are the null set, then replace with JUST null set
    // if more than one comparator, remove any * comparators
    // also, don't include the same comparator more than once
    const rangeMap = new Map()
    const comparators = rangeList.map(comp => new Comparator(comp, this.options))
    for (const comp of comparators) {
      if (isNullSet(comp)) {
        return [comp]
      }
      rangeMap.set(comp.value, comp)
    }
    if (rangeMap.size > 1 && rangeMap.has('')) {
      rangeMap.delete('')
    }

    const result = [...rangeMap.values()]
    cache.set(memoKey, result)
    return result
  }

  intersects (range, options) {
    if (!(range instanceof Range)) {
      throw new TypeError('a Range is required')
    }

    return this.set.some((thisComparators) => {
      return (
        isSatisfiable(thisComparators, options) &&
        range.set.some((rangeComparators) => {
          return (
            isSatisfiable(rangeComparators, options) &&
            thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options)
              })
            })
          )
        })
      )
    })
  }

  // if ANY of the sets match ALL of its comparators, then pass
  test (version) {
    if (!version) {
      return false
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    for (let i = 0; i < this.set.length; i++) {
      if (testSet(this.set[i], version, this.options)) {
        return true
      }
    }
    return false
  }
}

module.exports = Range

const LRU = __nccwpck_require__(1383)
const cache = new LRU()

const parseOptions = __nccwpck_require__(356)
const Comparator = __nccwpck_require__(9379)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const trimComparatorWhitespace = __nccwpck_require__(9737)
const {
  safeRe: re,
  src,
  t,
  tildeTrimReplace,
  caretTrimReplace,
} = __nccwpck_require__(5471)
const { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = __nccwpck_require__(5101)

// unbounded global build-metadata stripper used by parseRange
const BUILDSTRIPRE = new RegExp(src[t.BUILD], 'g')

const isNullSet = c => c.value === '<0.0.0-0'
const isAny = c => c.value === ''

// take a set of comparators and determine whether there
// exists a version which can satisfy it
const isSatisfiable = (comparators, options) => {
  let result = true
  const remainingComparators = comparators.slice()
  let testComparator = remainingComparators.pop()

  while (result && remainingComparators.length) {
    result = remainingComparators.every((otherComparator) => {
      return testComparator.intersects(otherComparator, options)
    })

    testComparator = remainingComparators.pop()
  }

  return result
}

// comprised of xranges, tildes, stars, and gtlt's at this point.
// already replaced the hyphen ranges
// turn into a set of JUST comparators.
const parseComparator = (comp, options) => {
  comp = comp.replace(re[t.BUILD], '')
  debug('comp', comp, options)
  comp = replaceCarets(comp, options)
  debug('caret', comp)
  comp = replaceTildes(comp, options)
  debug('tildes', comp)
  comp = replaceXRanges(comp, options)
  debug('xrange', comp)
  comp = replaceStars(comp, options)
  debug('stars', comp)
  return comp
}

const isX = id => !id || id.toLowerCase() === 'x' || id === '*'

const invalidXRangeOrder = (M, m, p) => (
  (isX(M) && !isX(m)) ||
  (isX(m) && p && !isX(p))
)

// ~, ~> --> * (any, kinda silly)
// ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0 <3.0.0-0
// ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0 <2.1.0-0
// ~1.2, ~1.2.x, ~>1.2, ~>1.2.x --> >=1.2.0 <1.3.0-0
// ~1.2.3, ~>1.2.3 --> >=1.2.3 <1.3.0-0
// ~1.2.0, ~>1.2.0 --> >=1.2.0 <1.3.0-0
// ~0.0.1 --> >=0.0.1 <0.1.0-0
const replaceTildes = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceTilde(c, options))
    .join(' ')
}

const replaceTilde = (comp, options) => {
  const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE]
  // if we're including prereleases in the match, then the lower bound is
  // -0, the lowest possible prerelease value, just like x-ranges and carets.
  // this keeps `~1.2` equivalent to the `1.2.x` x-range it's documented as.
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('tilde', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      // ~1.2 == >=1.2.0 <1.3.0-0
      ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
    } else if (pr) {
      debug('replaceTilde pr', pr)
      ret = `>=${M}.${m}.${p}-${pr
      } <${M}.${+m + 1}.0-0`
    } else {
      // ~1.2.3 == >=1.2.3 <1.3.0-0
      ret = `>=${M}.${m}.${p
      } <${M}.${+m + 1}.0-0`
    }

    debug('tilde return', ret)
    return ret
  })
}

// ^ --> * (any, kinda silly)
// ^2, ^2.x, ^2.x.x --> >=2.0.0 <3.0.0-0
// ^2.0, ^2.0.x --> >=2.0.0 <3.0.0-0
// ^1.2, ^1.2.x --> >=1.2.0 <2.0.0-0
// ^1.2.3 --> >=1.2.3 <2.0.0-0
// ^1.2.0 --> >=1.2.0 <2.0.0-0
// ^0.0.1 --> >=0.0.1 <0.0.2-0
// ^0.1.0 --> >=0.1.0 <0.2.0-0
const replaceCarets = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceCaret(c, options))
    .join(' ')
}

const replaceCaret = (comp, options) => {
  debug('caret', comp, options)
  const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET]
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('caret', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      if (M === '0') {
        ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      } else {
        ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      }
    } else if (pr) {
      debug('replaceCaret pr', pr)
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p}-${pr
        } <${+M + 1}.0.0-0`
      }
    } else {
      debug('no pr')
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p
        } <${+M + 1}.0.0-0`
      }
    }

    debug('caret return', ret)
    return ret
  })
}

const replaceXRanges = (comp, options) => {
  debug('replaceXRanges', comp, options)
  return comp
    .split(/\s+/)
    .map((c) => replaceXRange(c, options))
    .join(' ')
}

const replaceXRange = (comp, options) => {
  comp = comp.trim()
  const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE]
  return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
    debug('xRange', comp, ret, gtlt, M, m, p, pr)
    if (invalidXRangeOrder(M, m, p)) {
      return comp
    }

    const xM = isX(M)
    const xm = xM || isX(m)
    const xp = xm || isX(p)
    const anyX = xp

    if (gtlt === '=' && anyX) {
      gtlt = ''
    }

    // if we're including prereleases in the match, then we need
    // to fix this to -0, the lowest possible prerelease value
    pr = options.includePrerelease ? '-0' : ''

    if (xM) {
      if (gtlt === '>' || gtlt === '<') {
        // nothing is allowed
        ret = '<0.0.0-0'
      } else {
        // nothing is forbidden
        ret = '*'
      }
    } else if (gtlt && anyX) {
      // we know patch is an x, because we have any x at all.
      // replace X with 0
      if (xm) {
        m = 0
      }
      p = 0

      if (gtlt === '>') {
        // >1 => >=2.0.0
        // >1.2 => >=1.3.0
        gtlt = '>='
        if (xm) {
          M = +M + 1
          m = 0
          p = 0
        } else {
          m = +m + 1
          p = 0
        }
      } else if (gtlt === '<=') {
        // <=0.7.x is actually <0.8.0, since any 0.7.x should
        // pass.  Similarly, <=7.x is actually <8.0.0, etc.
        gtlt = '<'
        if (xm) {
          M = +M + 1
        } else {
          m = +m + 1
        }
      }

      if (gtlt === '<') {
        pr = '-0'
      }

      ret = `${gtlt + M}.${m}.${p}${pr}`
    } else if (xm) {
      ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
    } else if (xp) {
      ret = `>=${M}.${m}.0${pr
      } <${M}.${+m + 1}.0-0`
    }

    debug('xRange return', ret)

    return ret
  })
}

// Because * is AND-ed with everything else in the comparator,
// and '' means "any version", just remove the *s entirely.
const replaceStars = (comp, options) => {
  debug('replaceStars', comp, options)
  // Looseness is ignored here.  star is always as loose as it gets!
  return comp
    .trim()
    .replace(re[t.STAR], '')
}

const replaceGTE0 = (comp, options) => {
  debug('replaceGTE0', comp, options)
  return comp
    .trim()
    .replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], '')
}

// This function is passed to string.replace(re[t.HYPHENRANGE])
// M, m, patch, prerelease, build
// 1.2 - 3.4.5 => >=1.2.0 <=3.4.5
// 1.2.3 - 3.4 => >=1.2.0 <3.5.0-0 Any 3.4.x will do
// 1.2 - 3.4 => >=1.2.0 <3.5.0-0
// TODO build?
const hyphenReplace = incPr => ($0,
  from, fM, fm, fp, fpr, fb,
  to, tM, tm, tp, tpr) => {
  if (isX(fM)) {
    from = ''
  } else if (isX(fm)) {
    from = `>=${fM}.0.0${incPr ? '-0' : ''}`
  } else if (isX(fp)) {
    from = `>=${fM}.${fm}.0${incPr ? '-0' : ''}`
  } else if (fpr) {
    from = `>=${from}`
  } else {
    from = `>=${from}${incPr ? '-0' : ''}`
  }

  if (isX(tM)) {
    to = ''
  } else if (isX(tm)) {
    to = `<${+tM + 1}.0.0-0`
  } else if (isX(tp)) {
    to = `<${tM}.${+tm + 1}.0-0`
  } else if (tpr) {
    to = `<=${tM}.${tm}.${tp}-${tpr}`
  } else if (incPr) {
    to = `<${tM}.${tm}.${+tp + 1}-0`
  } else {
    to = `<=${to}`
  }

  return `${from} ${to}`.trim()
}

const testSet = (set, version, options) => {
  for (let i = 0; i < set.length; i++) {
    if (!set[i].test(version)) {
      return false
    }
  }

  if (version.prerelease.length && !options.includePrerelease) {
    // Find the set of versions that are allowed to have prereleases
    // For example, ^1.2.3-pr.1 desugars to >=1.2.3-pr.1 <2.0.0
    // That should allow `1.2.3-pr.2` to pass.
    // However, `1.2.4-alpha.notready` should NOT be allowed,
    // even though it's within the range set by the comparators.
    for (let i = 0; i < set.length; i++) {
      debug(set[i].semver)
      if (set[i].semver === Comparator.ANY) {
        continue
      }

      if (set[i].semver.prerelease.length > 0) {
        const allowed = set[i].semver
        if (allowed.major === version.major &&
            allowed.minor === version.minor &&
            allowed.patch === version.patch) {
          return true
        }
      }
    }

    // Version has a -pre, but it's not one of the ones we like.
    return false
  }

  return true
}


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 1799:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const clean = (version, options) => {
  const s = parse(version.trim().replace(/^[=v]+/, ''), options)
  return s ? s.version : null
}
module.exports = clean


/***/ }),

/***/ 8646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gt = __nccwpck_require__(6599)
const gte = __nccwpck_require__(1236)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)

const cmp = (a, op, b, loose) => {
  switch (op) {
    case '===':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a === b

    case '!==':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a !== b

    case '':
    case '=':
    case '==':
      return eq(a, b, loose)

    case '!=':
      return neq(a, b, loose)

    case '>':
      return gt(a, b, loose)

    case '>=':
      return gte(a, b, loose)

    case '<':
      return lt(a, b, loose)

    case '<=':
      return lte(a, b, loose)

    default:
      throw new TypeError(`Invalid operator: ${op}`)
  }
}
module.exports = cmp


/***/ }),

/***/ 5385:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = __nccwpck_require__(6353)
const { safeRe: re, t } = __nccwpck_require__(5471)

const coerce = (version, options) => {
  if (version instanceof SemVer) {
    return version
  }

  if (typeof version === 'number') {
    version = String(version)
  }

  if (typeof version !== 'string') {
    return null
  }

  options = options || {}

  let match = null
  if (!options.rtl) {
    match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE])
  } else {
    // Find the right-most coercible string that does not share
    // a terminus with a more left-ward coercible string.
    // Eg, '1.2.3.4' wants to coerce '2.3.4', not '3.4' or '4'
    // With includePrerelease option set, '1.2.3.4-rc' wants to coerce '2.3.4-rc', not '2.3.4'
    //
    // Walk through the string checking with a /g regexp
    // Manually set the index so as to pick up overlapping matches.
    // Stop when we get a match that ends at the string end, since no
    // coercible string can be more right-ward without the same terminus.
    const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL]
    let next
    while ((next = coerceRtlRegex.exec(version)) &&
        (!match || match.index + match[0].length !== version.length)
    ) {
      if (!match ||
            next.index + next[0].length !== match.index + match[0].length) {
        match = next
      }
      coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length
    }
    // leave it in a clean state
    coerceRtlRegex.lastIndex = -1
  }

  if (match === null) {
    return null
  }

  const major = match[2]
  const minor = match[3] || '0'
  const patch = match[4] || '0'
  const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : ''
  const build = options.includePrerelease && match[6] ? `+${match[6]}` : ''

  return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options)
}
module.exports = coerce


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 6874:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const compareLoose = (a, b) => compare(a, b, true)
module.exports = compareLoose


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 711:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)

const diff = (version1, version2) => {
  const v1 = parse(version1, null, true)
  const v2 = parse(version2, null, true)
  const comparison = v1.compare(v2)

  if (comparison === 0) {
    return null
  }

  const v1Higher = comparison > 0
  const highVersion = v1Higher ? v1 : v2
  const lowVersion = v1Higher ? v2 : v1
  const highHasPre = !!highVersion.prerelease.length
  const lowHasPre = !!lowVersion.prerelease.length

  if (lowHasPre && !highHasPre) {
    // Going from prerelease -> no prerelease requires some special casing

    // If the low version has only a major, then it will always be a major
    // Some examples:
    // 1.0.0-1 -> 1.0.0
    // 1.0.0-1 -> 1.1.1
    // 1.0.0-1 -> 2.0.0
    if (!lowVersion.patch && !lowVersion.minor) {
      return 'major'
    }

    // If the main part has no difference
    if (lowVersion.compareMain(highVersion) === 0) {
      if (lowVersion.minor && !lowVersion.patch) {
        return 'minor'
      }
      return 'patch'
    }
  }

  // add the `pre` prefix if we are going to a prerelease version
  const prefix = highHasPre ? 'pre' : ''

  if (v1.major !== v2.major) {
    return prefix + 'major'
  }

  if (v1.minor !== v2.minor) {
    return prefix + 'minor'
  }

  if (v1.patch !== v2.patch) {
    return prefix + 'patch'
  }

  // high and low are prereleases
  return 'prerelease'
}

module.exports = diff


/***/ }),

/***/ 5082:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const eq = (a, b, loose) => compare(a, b, loose) === 0
module.exports = eq


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 1236:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gte = (a, b, loose) => compare(a, b, loose) >= 0
module.exports = gte


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6717:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lte = (a, b, loose) => compare(a, b, loose) <= 0
module.exports = lte


/***/ }),

/***/ 8511:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const major = (a, loose) => new SemVer(a, loose).major
module.exports = major


/***/ }),

/***/ 2603:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const minor = (a, loose) => new SemVer(a, loose).minor
module.exports = minor


/***/ }),

/***/ 4974:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const neq = (a, b, loose) => compare(a, b, loose) !== 0
module.exports = neq


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8756:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const patch = (a, loose) => new SemVer(a, loose).patch
module.exports = patch


/***/ }),

/***/ 5714:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const prerelease = (version, options) => {
  const parsed = parse(version, options)
  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
}
module.exports = prerelease


/***/ }),

/***/ 2173:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const rcompare = (a, b, loose) => compare(b, a, loose)
module.exports = rcompare


/***/ }),

/***/ 7192:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose))
module.exports = rsort


/***/ }),

/***/ 8011:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const satisfies = (version, range, options) => {
  try {
    range = new Range(range, options)
  } catch (er) {
    return false
  }
  return range.test(version)
}
module.exports = satisfies


/***/ }),

/***/ 9872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose))
module.exports = sort


/***/ }),

/***/ 6114:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)

const truncate = (version, truncation, options) => {
  if (!constants.RELEASE_TYPES.includes(truncation)) {
    return null
  }

  const clonedVersion = cloneInputVersion(version, options)
  return clonedVersion && doTruncation(clonedVersion, truncation)
}

const cloneInputVersion = (version, options) => {
  const versionStringToParse = (
    version instanceof SemVer ? version.version : version
  )

  return parse(versionStringToParse, options)
}

const doTruncation = (version, truncation) => {
  if (isPrerelease(truncation)) {
    return version.version
  }

  version.prerelease = []

  switch (truncation) {
    case 'major':
      version.minor = 0
      version.patch = 0
      break
    case 'minor':
      version.patch = 0
      break
  }

  return version.format()
}

const isPrerelease = (type) => {
  return type.startsWith('pre')
}

module.exports = truncate


/***/ }),

/***/ 8780:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const valid = (version, options) => {
  const v = parse(version, options)
  return v ? v.version : null
}
module.exports = valid


/***/ }),

/***/ 2088:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// just pre-load all the stuff that index.js lazily exports
const internalRe = __nccwpck_require__(5471)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)
const identifiers = __nccwpck_require__(3348)
const parse = __nccwpck_require__(6353)
const valid = __nccwpck_require__(8780)
const clean = __nccwpck_require__(1799)
const inc = __nccwpck_require__(2338)
const diff = __nccwpck_require__(711)
const major = __nccwpck_require__(8511)
const minor = __nccwpck_require__(2603)
const patch = __nccwpck_require__(8756)
const prerelease = __nccwpck_require__(5714)
const compare = __nccwpck_require__(8469)
const rcompare = __nccwpck_require__(2173)
const compareLoose = __nccwpck_require__(6874)
const compareBuild = __nccwpck_require__(7648)
const sort = __nccwpck_require__(9872)
const rsort = __nccwpck_require__(7192)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gte = __nccwpck_require__(1236)
const lte = __nccwpck_require__(6717)
const cmp = __nccwpck_require__(8646)
const coerce = __nccwpck_require__(5385)
const truncate = __nccwpck_require__(6114)
const Comparator = __nccwpck_require__(9379)
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const toComparators = __nccwpck_require__(4750)
const maxSatisfying = __nccwpck_require__(3193)
const minSatisfying = __nccwpck_require__(8595)
const minVersion = __nccwpck_require__(1866)
const validRange = __nccwpck_require__(4737)
const outside = __nccwpck_require__(280)
const gtr = __nccwpck_require__(2276)
const ltr = __nccwpck_require__(5213)
const intersects = __nccwpck_require__(3465)
const simplifyRange = __nccwpck_require__(2028)
const subset = __nccwpck_require__(1489)
module.exports = {
  parse,
  valid,
  clean,
  inc,
  diff,
  major,
  minor,
  patch,
  prerelease,
  compare,
  rcompare,
  compareLoose,
  compareBuild,
  sort,
  rsort,
  gt,
  lt,
  eq,
  neq,
  gte,
  lte,
  cmp,
  coerce,
  truncate,
  Comparator,
  Range,
  satisfies,
  toComparators,
  maxSatisfying,
  minSatisfying,
  minVersion,
  validRange,
  outside,
  gtr,
  ltr,
  intersects,
  simplifyRange,
  subset,
  SemVer,
  re: internalRe.re,
  src: internalRe.src,
  tokens: internalRe.t,
  SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
  RELEASE_TYPES: constants.RELEASE_TYPES,
  compareIdentifiers: identifiers.compareIdentifiers,
  rcompareIdentifiers: identifiers.rcompareIdentifiers,
}


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 1383:
/***/ ((module) => {



class LRUCache {
  constructor () {
    this.max = 1000
    this.map = new Map()
  }

  get (key) {
    const value = this.map.get(key)
    if (value === undefined) {
      return undefined
    } else {
      // Remove the key from the map and add it to the end
      this.map.delete(key)
      this.map.set(key, value)
      return value
    }
  }

  delete (key) {
    return this.map.delete(key)
  }

  set (key, value) {
    const deleted = this.delete(key)

    if (!deleted && value !== undefined) {
      // If cache is full, delete the least recently used item
      if (this.map.size >= this.max) {
        const firstKey = this.map.keys().next().value
        this.delete(firstKey)
      }

      this.map.set(key, value)
    }

    return this
  }
}

module.exports = LRUCache


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 9737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check


// Reproduce safeRe[COMPARATORTRIM] replacement boundaries, not version
// validation. Each end-index finder returns an exclusive end, or its start
// on no match.
// Positions count from zero. An end of 3 means characters 0, 1, and 2 were read;
// range.slice(start, end) gives the matched text, not a converted number.
const {
  MAX_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  WHITESPACE_CHARACTERS,
} = __nccwpck_require__(5101)

/**
 * Remembers the last two rows of digits so their characters need not be reread.
 * Positions start at -1 until a row has been found.
 *
 * @typedef {object} DigitRunCache
 * @property {number} start The first character of the most recently found row.
 * @property {number} end The position after that row's last character.
 * @property {number} previousStart The first character of the previous row.
 * @property {number} previousEnd The position after the previous row.
 */

// One entry per UTF-16 code unit keeps membership checks constant-time.
const whitespace = new Uint8Array(0x10000)
for (const char of WHITESPACE_CHARACTERS) {
  whitespace[char.charCodeAt(0)] = 1
}

/**
 * Checks whether a character is whitespace, like a space, tab, or newline.
 * Looking past the end of the string returns false.
 *
 * @param {string|undefined} char One character, or undefined past the string's end.
 * @returns {boolean} Whether the character is whitespace.
 * @example isWhitespace(' ') // true
 * @example isWhitespace('1') // false
 */
const isWhitespace = char =>
  char !== undefined && whitespace[char.charCodeAt(0)] === 1

/**
 * Checks for v, =, or whitespace before the version number.
 * These are historical version prefixes, not range operators:
 * < and > are handled separately, as are tilde and caret ranges.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can belong to a version prefix.
 * @example isVersionPrefix('=') // true
 * @example isVersionPrefix('>') // false
 */
const isVersionPrefix = char =>
  char === 'v' ||
  char === '=' ||
  isWhitespace(char)

/**
 * Checks whether a character is one of the digits 0 through 9.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII digit.
 * @example isDigit('7') // true
 * @example isDigit('.') // false
 */
const isDigit = char => char !== undefined && char >= '0' && char <= '9'

/**
 * Checks whether a character is an English letter, uppercase or lowercase.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII letter.
 * @example isLetter('b') // true
 * @example isLetter('7') // false
 */
const isLetter = char =>
  char !== undefined && (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z')
  )

/**
 * Checks for a letter, digit, or hyphen: the characters allowed inside
 * prerelease and build names such as beta-1.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can be part of an identifier.
 * @example isIdentifierCharacter('-') // true
 * @example isIdentifierCharacter('.') // false; dots separate identifiers
 */
const isIdentifierCharacter = char => isDigit(char) || isLetter(char) || char === '-'

/**
 * Checks whether a version component can begin here: with a digit or
 * a wildcard such as x, X, or *.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether a number or wildcard can start with this character.
 * @example isVersionStart('x') // true
 * @example isVersionStart('v') // false; v belongs to the prefix
 */
const isVersionStart = char =>
  isDigit(char) ||
  char === 'x' ||
  char === 'X' ||
  char === '*'

/**
 * Finds the end of a row of digits, but returns no more than limit digits.
 * Remembers the last two rows so looking at them again does not reread them.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first character to check.
 * @param {number} limit The most digit characters the returned match can include.
 * @param {DigitRunCache} digitRuns Shared cache of digit-run positions, updated in place.
 * @returns {number} The position after the matched digits, or start if none match.
 * @example findDigitsEndIndex('123abc', 0, 10, digitRuns) // 3, pointing at a
 * @example findDigitsEndIndex('123abc', 0, 2, digitRuns) // 2, pointing at the unread 3
 */
const findDigitsEndIndex = (range, start, limit, digitRuns) => {
  if (!isDigit(range[start])) {
    return start
  }
  if (start >= digitRuns.start && start < digitRuns.end) {
    return Math.min(start + limit, digitRuns.end)
  }
  if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
    return Math.min(start + limit, digitRuns.previousEnd)
  }
  let end = start + 1
  while (isDigit(range[end])) {
    end++
  }
  // A failed full version can rewind from its second run to its first.
  digitRuns.previousStart = digitRuns.start
  digitRuns.previousEnd = digitRuns.end
  digitRuns.start = start
  digitRuns.end = end
  return Math.min(start + limit, end)
}

/**
 * Reads a number using the old regex's length and leading-zero rules.
 * Strict mode reads just the first zero in 012; loose mode can read all three.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the number should begin.
 * @param {boolean} loose Whether to allow leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched digits, not their numeric value.
 * @example findVersionNumberEndIndex('012', 0, false, digitRuns) // 1
 * @example findVersionNumberEndIndex('012', 0, true, digitRuns) // 3
 */
const findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
  if (!loose && range[start] === '0') {
    return start + 1
  }
  // Strict syntax allows an initial nonzero digit plus MAX_LENGTH digits.
  return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns)
}

/**
 * Reads one piece of a prerelease name, such as beta or 1 in beta.1.
 * Tries the letter-or-hyphen form first, then the number-only form.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @param {boolean} loose Whether numeric identifiers may have leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findPrereleaseIdentifierEndIndex('beta.1', 0, false, digitRuns) // 4, at the dot
 * @example findPrereleaseIdentifierEndIndex('001beta', 0, false, digitRuns) // 7
 */
const findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
  const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns)
  // The legacy regex tries a nonnumeric identifier before a numeric one.
  if (isLetter(range[digitsEnd]) || range[digitsEnd] === '-') {
    let end = digitsEnd + 1
    const limit = end + MAX_SAFE_BUILD_LENGTH
    while (end < limit && isIdentifierCharacter(range[end])) {
      end++
    }
    return end
  }
  return findVersionNumberEndIndex(range, start, loose, digitRuns)
}

/**
 * Reads a prerelease suffix such as -beta.1, one dot-separated piece at a time.
 * Loose mode also allows the name without its opening hyphen.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the suffix should begin, including -.
 * @param {boolean} loose Whether the opening hyphen is optional and zeros allowed.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched suffix, or start if absent.
 * @example findPrereleaseEndIndex('-beta.1+sha', 0, false, digitRuns) // 7, at the plus
 * @example findPrereleaseEndIndex('beta', 0, false, digitRuns) // 0; no opening hyphen
 */
const findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
  const hyphen = range[start] === '-'
  if (!loose && !hyphen) {
    return start
  }
  const identifierStart = start + (hyphen ? 1 : 0)
  let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns)
  if (end === identifierStart) {
    if (!loose || !hyphen) {
      return start
    }
    // In loose syntax, a lone hyphen can itself be the identifier.
    end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns)
  }
  while (range[end] === '.') {
    const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads one build-name piece, such as sha or 123 in +sha.123.
 * Stops at a disallowed character or the old regex's length limit.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findBuildIdentifierEndIndex('sha.123', 0) // 3, at the dot
 * @example findBuildIdentifierEndIndex('001', 0) // 3; leading zeros are allowed
 */
const findBuildIdentifierEndIndex = (range, start) => {
  let end = start
  while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
    end++
  }
  return end
}

/**
 * Reads optional build metadata such as +sha.123.
 * Leaves the position unchanged if there is no plus sign followed by a name.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the opening + should be.
 * @returns {number} The position after the matched metadata, or start if absent.
 * @example findBuildEndIndex('+sha.123 <2', 0) // 8, at the space
 * @example findBuildEndIndex('+', 0) // 0; a plus sign alone is not a match
 */
const findBuildEndIndex = (range, start) => {
  if (range[start] !== '+') {
    return start
  }
  let end = findBuildIdentifierEndIndex(range, start + 1)
  if (end === start + 1) {
    return start
  }
  while (range[end] === '.') {
    const next = findBuildIdentifierEndIndex(range, end + 1)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads three numbers separated by dots, then any prerelease and build suffixes.
 * Uses loose rules, so forms such as 01.02.03beta can match here.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first number, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the version match, or start if none matches.
 * @example findLooseFullVersionEndIndex('1.2.3-beta+sha <2', 0, digitRuns) // 14
 * @example findLooseFullVersionEndIndex('1.2', 0, digitRuns) // 0; needs three numbers
 */
const findLooseFullVersionEndIndex = (range, start, digitRuns) => {
  let end = start
  for (let component = 0; component < 3; component++) {
    const next = findVersionNumberEndIndex(range, end, true, digitRuns)
    if (next === end) {
      return start
    }
    end = next
    if (component < 2) {
      if (range[end] !== '.') {
        return start
      }
      end++
    }
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Reads one component of a partial or wildcard version, such as 2 or x in 2.x.
 * Numbers use strict leading-zero rules; wildcards take up one character.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the component should begin.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the component, or start if none matches.
 * @example findPartialVersionComponentEndIndex('2.x', 0, digitRuns) // 1, at the dot
 * @example findPartialVersionComponentEndIndex('2.x', 2, digitRuns) // 3, after x
 */
const findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
  if (isDigit(range[start])) {
    return findVersionNumberEndIndex(range, start, false, digitRuns)
  }
  return isVersionStart(range[start]) ? start + 1 : start
}

/**
 * Reads up to three components, allowing forms such as 1, 1.2, or 1.x.
 * After the third component, also reads any strict prerelease and build suffixes.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched version text.
 * @example findPartialVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 * @example findPartialVersionEndIndex('1.', 0, digitRuns) // 1; the trailing dot is unread
 */
const findPartialVersionEndIndex = (range, start, digitRuns) => {
  let end = findPartialVersionComponentEndIndex(range, start, digitRuns)
  for (let component = 0; component < 2; component++) {
    if (range[end] !== '.') {
      return end
    }
    const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns)
    if (next === end + 1) {
      return end
    }
    end = next
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Finds where a version match ends, without deciding whether the range is valid.
 * Tries a loose full version first, then a partial or wildcard version, just
 * like the old regex's LOOSEPLAIN and XRANGEPLAIN alternatives.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position where scanning the next candidate can resume.
 * @example findVersionEndIndex('1.2.3 <2', 0, digitRuns) // 5, at the space
 * @example findVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 */
const findVersionEndIndex = (range, start, digitRuns) => {
  const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns)
  return fullVersionEnd !== start
    ? fullVersionEnd
    : findPartialVersionEndIndex(range, start, digitRuns)
}

/**
 * Finds the one whitespace character the old replacement would remove.
 * Keeps leading whitespace, skips an optional operator, and checks immediately
 * after it. Returns -1 if there is nothing to remove.
 *
 * @param {string} range The text containing a candidate already found by the caller.
 * @param {number} matchStart The candidate's position, including leading whitespace.
 * @returns {number} The position of the removable whitespace, or -1 if absent.
 * @example findRemovableWhitespaceIndex(' > 1', 0) // 2; keep the space at position 0
 * @example findRemovableWhitespaceIndex('>1', 0) // -1
 */
const findRemovableWhitespaceIndex = (range, matchStart) => {
  let position = matchStart
  if (isWhitespace(range[position])) {
    position++
  }
  if (range[position] === '<' || range[position] === '>') {
    position++
  }
  if (range[position] === '=') {
    position++
  }
  return isWhitespace(range[position]) ? position : -1
}

/**
 * Joins an operator to its version, turning > 1.2.3 into >1.2.3.
 * Copies everything else according to the old regex's matching rules.
 * Moves forward through prefixes and whole versions to avoid repeatedly
 * searching the same characters on long inputs.
 *
 * @param {string} range The range text to process; the original string is unchanged.
 * @returns {string} The range with matched operator whitespace removed.
 * @example trimComparatorWhitespace('> 1.2.3 < 2') // '>1.2.3 <2'
 * @example trimComparatorWhitespace('> invalid') // '> invalid'
 */
const trimComparatorWhitespace = range => {
  let result = ''
  let copyFrom = 0
  let cursor = 0
  const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 }

  while (cursor < range.length) {
    const matchStart = cursor
    if (range[cursor] === '<' || range[cursor] === '>') {
      cursor++
    } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
      cursor++
      continue
    }

    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < range.length && isVersionPrefix(range[cursor])) {
      cursor++
    }
    if (!isVersionStart(range[cursor])) {
      continue
    }

    const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart)
    if (whitespacePosition !== -1) {
      result += range.slice(copyFrom, whitespacePosition)
      copyFrom = whitespacePosition + 1
    }

    // Skip the entire match, so a prerelease's trailing v cannot be
    // reconsidered as the prefix of another version.
    cursor = findVersionEndIndex(range, cursor, digitRuns)
  }

  return result + range.slice(copyFrom)
}

module.exports = trimComparatorWhitespace


/***/ }),

/***/ 2276:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// Determine if version is greater than all the versions possible in the range.
const outside = __nccwpck_require__(280)
const gtr = (version, range, options) => outside(version, range, '>', options)
module.exports = gtr


/***/ }),

/***/ 3465:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const intersects = (r1, r2, options) => {
  r1 = new Range(r1, options)
  r2 = new Range(r2, options)
  return r1.intersects(r2, options)
}
module.exports = intersects


/***/ }),

/***/ 5213:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const outside = __nccwpck_require__(280)
// Determine if version is less than all the versions possible in the range
const ltr = (version, range, options) => outside(version, range, '<', options)
module.exports = ltr


/***/ }),

/***/ 3193:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)

const maxSatisfying = (versions, range, options) => {
  let max = null
  let maxSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!max || maxSV.compare(v) === -1) {
        // compare(max, v, true)
        max = v
        maxSV = new SemVer(max, options)
      }
    }
  })
  return max
}
module.exports = maxSatisfying


/***/ }),

/***/ 8595:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const minSatisfying = (versions, range, options) => {
  let min = null
  let minSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!min || minSV.compare(v) === 1) {
        // compare(min, v, true)
        min = v
        minSV = new SemVer(min, options)
      }
    }
  })
  return min
}
module.exports = minSatisfying


/***/ }),

/***/ 1866:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const gt = __nccwpck_require__(6599)

const minVersion = (range, loose) => {
  range = new Range(range, loose)

  let minver = new SemVer('0.0.0')
  if (range.test(minver)) {
    return minver
  }

  minver = new SemVer('0.0.0-0')
  if (range.test(minver)) {
    return minver
  }

  minver = null
  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let setMin = null
    comparators.forEach((comparator) => {
      // Clone to avoid manipulating the comparator's semver object.
      const compver = new SemVer(comparator.semver.version)
      switch (comparator.operator) {
        case '>':
          if (compver.prerelease.length === 0) {
            compver.patch++
          } else {
            compver.prerelease.push(0)
          }
          compver.raw = compver.format()
          /* fallthrough */
        case '':
        case '>=':
          if (!setMin || gt(compver, setMin)) {
            setMin = compver
          }
          break
        case '<':
        case '<=':
          /* Ignore maximum versions */
          break
        /* istanbul ignore next */
        default:
          throw new Error(`Unexpected operation: ${comparator.operator}`)
      }
    })
    if (setMin && (!minver || gt(minver, setMin))) {
      minver = setMin
    }
  }

  if (minver && range.test(minver)) {
    return minver
  }

  return null
}
module.exports = minVersion


/***/ }),

/***/ 280:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)
const gte = __nccwpck_require__(1236)

const outside = (version, range, hilo, options) => {
  version = new SemVer(version, options)
  range = new Range(range, options)

  let gtfn, ltefn, ltfn, comp, ecomp
  switch (hilo) {
    case '>':
      gtfn = gt
      ltefn = lte
      ltfn = lt
      comp = '>'
      ecomp = '>='
      break
    case '<':
      gtfn = lt
      ltefn = gte
      ltfn = gt
      comp = '<'
      ecomp = '<='
      break
    default:
      throw new TypeError('Must provide a hilo val of "<" or ">"')
  }

  // If it satisfies the range it is not outside
  if (satisfies(version, range, options)) {
    return false
  }

  // From now on, variable terms are as if we're in "gtr" mode.
  // but note that everything is flipped for the "ltr" function.

  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let high = null
    let low = null

    comparators.forEach((comparator) => {
      if (comparator.semver === ANY) {
        comparator = new Comparator('>=0.0.0')
      }
      high = high || comparator
      low = low || comparator
      if (gtfn(comparator.semver, high.semver, options)) {
        high = comparator
      } else if (ltfn(comparator.semver, low.semver, options)) {
        low = comparator
      }
    })

    // If the edge version comparator has a operator then our version
    // isn't outside it
    if (high.operator === comp || high.operator === ecomp) {
      return false
    }

    // If the lowest version comparator has an operator and our version
    // is less than it then it isn't higher than the range
    if ((!low.operator || low.operator === comp) &&
        ltefn(version, low.semver)) {
      return false
    } else if (low.operator === ecomp && ltfn(version, low.semver)) {
      return false
    }
  }
  return true
}

module.exports = outside


/***/ }),

/***/ 2028:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// given a set of versions and a range, create a "simplified" range
// that includes the same versions that the original range does
// If the original range is shorter than the simplified one, return that.
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)
module.exports = (versions, range, options) => {
  const set = []
  let first = null
  let prev = null
  const v = versions.sort((a, b) => compare(a, b, options))
  for (const version of v) {
    const included = satisfies(version, range, options)
    if (included) {
      prev = version
      if (!first) {
        first = version
      }
    } else {
      if (prev) {
        set.push([first, prev])
      }
      prev = null
      first = null
    }
  }
  if (first) {
    set.push([first, null])
  }

  const ranges = []
  for (const [min, max] of set) {
    if (min === max) {
      ranges.push(min)
    } else if (!max && min === v[0]) {
      ranges.push('*')
    } else if (!max) {
      ranges.push(`>=${min}`)
    } else if (min === v[0]) {
      ranges.push(`<=${max}`)
    } else {
      ranges.push(`${min} - ${max}`)
    }
  }
  const simplified = ranges.join(' || ')
  const original = typeof range.raw === 'string' ? range.raw : String(range)
  return simplified.length < original.length ? simplified : range
}


/***/ }),

/***/ 1489:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)

// Complex range `r1 || r2 || ...` is a subset of `R1 || R2 || ...` iff:
// - Every simple range `r1, r2, ...` is a null set, OR
// - Every simple range `r1, r2, ...` which is not a null set is a subset of
//   some `R1, R2, ...`
//
// Simple range `c1 c2 ...` is a subset of simple range `C1 C2 ...` iff:
// - If c is only the ANY comparator
//   - If C is only the ANY comparator, return true
//   - Else if in prerelease mode, return false
//   - else replace c with `[>=0.0.0]`
// - If C is only the ANY comparator
//   - if in prerelease mode, return true
//   - else replace C with `[>=0.0.0]`
// - Let EQ be the set of = comparators in c
// - If EQ is more than one, return true (null set)
// - Let GT be the highest > or >= comparator in c
// - Let LT be the lowest < or <= comparator in c
// - If GT and LT, and GT.semver > LT.semver, return true (null set)
// - If any C is a = range, and GT or LT are set, return false
// - If EQ
//   - If GT, and EQ does not satisfy GT, return true (null set)
//   - If LT, and EQ does not satisfy LT, return true (null set)
//   - If EQ satisfies every C, return true
//   - Else return false
// - If GT
//   - If GT.semver is lower than any > or >= comp in C, return false
//   - If GT is >=, and GT.semver does not satisfy every C, return false
//   - If GT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the GT.semver tuple, return false
// - If LT
//   - If LT.semver is greater than any < or <= comp in C, return false
//   - If LT is <=, and LT.semver does not satisfy every C, return false
//   - If LT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the LT.semver tuple, return false
// - Else return true

const subset = (sub, dom, options = {}) => {
  if (sub === dom) {
    return true
  }

  sub = new Range(sub, options)
  dom = new Range(dom, options)
  let sawNonNull = false

  OUTER: for (const simpleSub of sub.set) {
    for (const simpleDom of dom.set) {
      const isSub = simpleSubset(simpleSub, simpleDom, options)
      sawNonNull = sawNonNull || isSub !== null
      if (isSub) {
        continue OUTER
      }
    }
    // the null set is a subset of everything, but null simple ranges in
    // a complex range should be ignored.  so if we saw a non-null range,
    // then we know this isn't a subset, but if EVERY simple range was null,
    // then it is a subset.
    if (sawNonNull) {
      return false
    }
  }
  return true
}

const minimumVersionWithPreRelease = [new Comparator('>=0.0.0-0')]
const minimumVersion = [new Comparator('>=0.0.0')]

const simpleSubset = (sub, dom, options) => {
  if (sub === dom) {
    return true
  }

  if (sub.length === 1 && sub[0].semver === ANY) {
    if (dom.length === 1 && dom[0].semver === ANY) {
      return true
    } else if (options.includePrerelease) {
      sub = minimumVersionWithPreRelease
    } else {
      sub = minimumVersion
    }
  }

  if (dom.length === 1 && dom[0].semver === ANY) {
    if (options.includePrerelease) {
      return true
    } else {
      dom = minimumVersion
    }
  }

  const eqSet = new Set()
  let gt, lt
  for (const c of sub) {
    if (c.operator === '>' || c.operator === '>=') {
      gt = higherGT(gt, c, options)
    } else if (c.operator === '<' || c.operator === '<=') {
      lt = lowerLT(lt, c, options)
    } else {
      eqSet.add(c.semver)
    }
  }

  if (eqSet.size > 1) {
    return null
  }

  let gtltComp
  if (gt && lt) {
    gtltComp = compare(gt.semver, lt.semver, options)
    if (gtltComp > 0) {
      return null
    } else if (gtltComp === 0 && (gt.operator !== '>=' || lt.operator !== '<=')) {
      return null
    }
  }

  // will iterate one or zero times
  for (const eq of eqSet) {
    if (gt && !satisfies(eq, String(gt), options)) {
      return null
    }

    if (lt && !satisfies(eq, String(lt), options)) {
      return null
    }

    for (const c of dom) {
      if (!satisfies(eq, String(c), options)) {
        return false
      }
    }

    return true
  }

  let higher, lower
  let hasDomLT, hasDomGT
  // if the subset has a prerelease, we need a comparator in the superset
  // with the same tuple and a prerelease, or it's not a subset
  let needDomLTPre = lt &&
    !options.includePrerelease &&
    lt.semver.prerelease.length ? lt.semver : false
  let needDomGTPre = gt &&
    !options.includePrerelease &&
    gt.semver.prerelease.length ? gt.semver : false
  // exception: <1.2.3-0 is the same as <1.2.3
  if (needDomLTPre && needDomLTPre.prerelease.length === 1 &&
      lt.operator === '<' && needDomLTPre.prerelease[0] === 0) {
    needDomLTPre = false
  }

  for (const c of dom) {
    hasDomGT = hasDomGT || c.operator === '>' || c.operator === '>='
    hasDomLT = hasDomLT || c.operator === '<' || c.operator === '<='
    if (gt) {
      if (needDomGTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomGTPre.major &&
            c.semver.minor === needDomGTPre.minor &&
            c.semver.patch === needDomGTPre.patch) {
          needDomGTPre = false
        }
      }
      if (c.operator === '>' || c.operator === '>=') {
        higher = higherGT(gt, c, options)
        if (higher === c && higher !== gt) {
          return false
        }
      } else if (gt.operator === '>=' && !c.test(gt.semver)) {
        return false
      }
    }
    if (lt) {
      if (needDomLTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomLTPre.major &&
            c.semver.minor === needDomLTPre.minor &&
            c.semver.patch === needDomLTPre.patch) {
          needDomLTPre = false
        }
      }
      if (c.operator === '<' || c.operator === '<=') {
        lower = lowerLT(lt, c, options)
        if (lower === c && lower !== lt) {
          return false
        }
      } else if (lt.operator === '<=' && !c.test(lt.semver)) {
        return false
      }
    }
    if (!c.operator && (lt || gt) && gtltComp !== 0) {
      return false
    }
  }

  // if there was a < or >, and nothing in the dom, then must be false
  // UNLESS it was limited by another range in the other direction.
  // Eg, >1.0.0 <1.0.1 is still a subset of <2.0.0
  if (gt && hasDomLT && !lt && gtltComp !== 0) {
    return false
  }

  if (lt && hasDomGT && !gt && gtltComp !== 0) {
    return false
  }

  // we needed a prerelease range in a specific tuple, but didn't get one
  // then this isn't a subset.  eg >=1.2.3-pre is not a subset of >=1.0.0,
  // because it includes prereleases in the 1.2.3 tuple
  if (needDomGTPre || needDomLTPre) {
    return false
  }

  return true
}

// >=1.2.3 is lower than >1.2.3
const higherGT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp > 0 ? a
    : comp < 0 ? b
    : b.operator === '>' && a.operator === '>=' ? b
    : a
}

// <=1.2.3 is higher than <1.2.3
const lowerLT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp < 0 ? a
    : comp > 0 ? b
    : b.operator === '<' && a.operator === '<=' ? b
    : a
}

module.exports = subset


/***/ }),

/***/ 4750:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)

// Mostly just for testing and legacy API reasons
const toComparators = (range, options) =>
  new Range(range, options).set
    .map(comp => comp.map(c => c.value).join(' ').trim().split(' '))

module.exports = toComparators


/***/ }),

/***/ 4737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const validRange = (range, options) => {
  try {
    // Return '*' instead of '' so that truthiness works.
    // This will throw if it's invalid anyway
    return new Range(range, options).range || '*'
  } catch (er) {
    return null
  }
}
module.exports = validRange


/***/ }),

/***/ 732:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ actionsLogger)
/* harmony export */ });
/* harmony import */ var _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5875);
/* harmony import */ var _trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6290);


// Annotations and debug lines have their line breaks escaped (runner-commands.ts); plain lines
// are ours to make inert.
const actionsLogger = {
    info: (m) => _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.info((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .neutralise */ .$0)(m)),
    debug: (m) => _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.debug(m),
    notice: (m) => _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.notice(m),
    warning: (m) => _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.warning(m),
    async group(title, fn) {
        const started = Date.now();
        _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.startGroup(title);
        try {
            return await fn();
        }
        finally {
            _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.info((0,_trust_log_text_js__WEBPACK_IMPORTED_MODULE_1__/* .neutralise */ .$0)(`${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`));
            _runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.endGroup();
        }
    },
};


/***/ }),

/***/ 5875:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ runner)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




/**
 * The GitHub runner's side of a step, spoken as @actions/core speaks it: inputs and state from
 * `INPUT_*` and `STATE_*`, outputs, env, PATH and state appended to the runner's command files
 * (`name<<ghadelimiter_<uuid>` … the delimiter), log lines and workflow commands
 * (`::warning::…`) on stdout with core's escapes, the job summary appended to its file.
 *
 * The action's own, not the library's: @actions/core loads its HTTP client (undici) for the OIDC
 * token we never ask for, which was most of each step's start-up (docs/performance.md). The
 * libraries that still use core (the artifact and cache clients) load it when they are loaded.
 * The log gate (trust/log-text.ts) is the callers'; this is the transport under it.
 */
/** Non-strings as core writes them: JSON, and nothing for null and undefined. */
function commandValue(value) {
    if (value === null || value === undefined)
        return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
}
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
/** Writes `::command key=value,…::message` on stdout. */
function issueCommand(command, properties, message) {
    const props = Object.entries(properties)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k}=${escapeProperty(v)}`)
        .join(',');
    process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(commandValue(message))}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`);
}
/** Appends one `name<<delimiter` block to the command file `GITHUB_<file>`. */
function appendKeyValue(file, name, value) {
    const target = process.env[`GITHUB_${file}`];
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    const text = commandValue(value);
    if (name.includes(delimiter) || text.includes(delimiter))
        throw new Error(`Unexpected input: the name or value holds the delimiter "${delimiter}"`);
    appendCommandFile(target, `${name}<<${delimiter}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}${text}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}${delimiter}`);
}
function appendCommandFile(target, line) {
    if (!node_fs__WEBPACK_IMPORTED_MODULE_1___default().existsSync(target))
        throw new Error(`Missing file at path: ${target}`);
    node_fs__WEBPACK_IMPORTED_MODULE_1___default().appendFileSync(target, `${line}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`, { encoding: 'utf8' });
}
const runner = {
    getInput(name) {
        return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    },
    getState(name) {
        return process.env[`STATE_${name}`] ?? '';
    },
    setOutput(name, value) {
        if (process.env.GITHUB_OUTPUT)
            return appendKeyValue('OUTPUT', name, value);
        process.stdout.write((node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL));
        issueCommand('set-output', { name }, value);
    },
    exportVariable(name, value) {
        process.env[name] = commandValue(value);
        if (process.env.GITHUB_ENV)
            return appendKeyValue('ENV', name, value);
        issueCommand('set-env', { name }, value);
    },
    addPath(dir) {
        if (process.env.GITHUB_PATH)
            appendCommandFile(process.env.GITHUB_PATH, dir);
        else
            issueCommand('add-path', {}, dir);
        process.env.PATH = `${dir}${(node_path__WEBPACK_IMPORTED_MODULE_3___default().delimiter)}${process.env.PATH}`;
    },
    saveState(name, value) {
        if (process.env.GITHUB_STATE)
            return appendKeyValue('STATE', name, value);
        issueCommand('save-state', { name }, value);
    },
    setSecret(secret) {
        issueCommand('add-mask', {}, secret);
    },
    info(message) {
        process.stdout.write(`${message}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`);
    },
    debug(message) {
        issueCommand('debug', {}, message);
    },
    notice(message) {
        issueCommand('notice', {}, message);
    },
    warning(message) {
        issueCommand('warning', {}, message);
    },
    error(message) {
        issueCommand('error', {}, message);
    },
    /** Fails the step (exit code 1) with an error annotation. */
    setFailed(message) {
        process.exitCode = 1;
        runner.error(message);
    },
    startGroup(title) {
        issueCommand('group', {}, title);
    },
    endGroup() {
        issueCommand('endgroup', {}, '');
    },
    /** Appends Markdown (and a line break) to the job summary; throws when its file is missing. */
    async appendSummary(markdown) {
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file)
            throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.');
        try {
            await node_fs__WEBPACK_IMPORTED_MODULE_1___default().promises.access(file, (node_fs__WEBPACK_IMPORTED_MODULE_1___default().constants).R_OK | (node_fs__WEBPACK_IMPORTED_MODULE_1___default().constants).W_OK);
        }
        catch {
            throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
        }
        await node_fs__WEBPACK_IMPORTED_MODULE_1___default().promises.appendFile(file, `${markdown}${(node_os__WEBPACK_IMPORTED_MODULE_2___default().EOL)}`, { encoding: 'utf8' });
    },
};


/***/ }),

/***/ 1155:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  F: () => (/* binding */ saveCaches)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/fs-tree.ts
var fs_tree = __nccwpck_require__(9705);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
var promises_default = /*#__PURE__*/__nccwpck_require__.n(promises_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/cache/gocache.ts



/**
 * The build cache (GOCACHE) holds one file per entry part: `<2 hex>/<64 hex>-a` (the action's
 * record) and `-d` (its output). Go refreshes an entry's mtime when it uses it, but only when
 * the mtime is more than an hour old. So: right after the restore, every entry is dated two hours
 * back; after the job, the entries still dated back are the ones nobody used, and trimming them
 * leaves exactly what this job used or created.
 */
const ENTRY = /^[0-9a-f]{64}-[ad]$/;
const SUBDIR = /^[0-9a-f]{2}$/;
/** Older than Go's one-hour refresh interval, with margin. */
const BACKDATE_MS = 2 * 60 * 60 * 1000;
/** An entry refreshed or created by the job is at least this recent relative to the mark. */
const SLACK_MS = 60 * 1000;
/**
 * Every entry file of a build cache; [] when the directory does not exist. Links are never
 * followed: a `<xx>` that is a symlink is not entered, and an entry that is not a regular file
 * with one name is not one (a restored archive holds no links, but a runner that kept its HOME
 * may).
 */
async function entryFiles(gocache) {
    let subdirs;
    try {
        subdirs = (await promises_default().readdir(gocache, { withFileTypes: true }))
            .filter((d) => d.isDirectory() && SUBDIR.test(d.name))
            .map((d) => d.name);
    }
    catch {
        return [];
    }
    const out = [];
    await Promise.all(subdirs.map(async (sub) => {
        const dir = external_node_path_default().join(gocache, sub);
        let names;
        try {
            names = await promises_default().readdir(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const e of names) {
            if (!e.isFile() || !ENTRY.test(e.name))
                continue;
            const p = external_node_path_default().join(dir, e.name);
            try {
                const st = await promises_default().lstat(p);
                // A second name of a file (a hard link) could be anyone's: re-dating it would re-date that.
                if (st.isFile() && st.nlink === 1)
                    out.push({ path: p, size: st.size, mtimeMs: st.mtimeMs });
            }
            catch {
                // removed meanwhile (Go's own trim): not an entry any more
            }
        }
    }));
    return out;
}
/**
 * Dates every entry back to BACKDATE_MS before `now` and returns their count and bytes.
 * Afterwards Go marks each entry it uses with the current time. Entries already that old (a
 * saved cache's entries are dated back before the save, see {@link dateBack}) are left as they
 * are: only entries from the last two hours (a cache saved without it, a runner that kept its
 * HOME) cost a system call.
 */
async function backdateEntries(gocache, now) {
    const files = await entryFiles(gocache);
    const recent = files.filter((f) => f.mtimeMs > now - BACKDATE_MS);
    await dateBack(recent, now);
    return {
        entries: files.length,
        bytes: files.reduce((n, f) => n + f.size, 0),
        redated: recent.length,
    };
}
/** Sets the entries' mtime (and atime) to BACKDATE_MS before `now`; a link's own, if one is there. */
async function dateBack(files, now) {
    const old = new Date(now - BACKDATE_MS);
    await Promise.all(files.map((f) => promises_default().lutimes(f.path, old, old).catch(() => undefined)));
}
/** Which entries a trim would keep: those used or written since `mark`. Pure. */
function partitionEntries(files, mark) {
    const keep = [];
    const drop = [];
    for (const f of files)
        (f.mtimeMs >= mark - SLACK_MS ? keep : drop).push(f);
    return { keep, drop };
}
/** Removes the entries nobody used (partitionEntries' `drop`) and says how much went. */
async function trimEntries(drop) {
    // unlink removes a name, never what a link there points to.
    await Promise.all(drop.map((f) => promises_default().unlink(f.path).catch(() => undefined)));
    return { removed: drop.length, removedBytes: drop.reduce((n, f) => n + f.size, 0) };
}
/** Total size of the regular files under `dir` (0 when it does not exist). */
async function dirBytes(dir) {
    let total = 0;
    await (0,fs_tree/* walkTree */.Ir)(dir, async (p, e) => {
        if (!e.isFile())
            return;
        const { size } = await promises_default().lstat(p).catch(() => ({ size: 0 }));
        total += size; // after the await: `total += await …` would read total too early
    });
    return total;
}
/**
 * Makes every directory under `dir` writable by its owner. Go leaves extracted modules read-only
 * (0555 dirs); unpacking a restored module cache over one that already holds the same modules
 * (a self-hosted runner, an earlier step) would fail to create files in them otherwise. Go does
 * not depend on those modes: it verifies modules by their hashes.
 */
async function makeDirsWritable(dir) {
    let changed = 0;
    await walkTree(dir, async (p, e) => {
        if (!e.isDirectory())
            return;
        const st = await fs.lstat(p);
        if (!st.isDirectory())
            return;
        if ((st.mode & 0o200) === 0) {
            await fs.chmod(p, st.mode | 0o200);
            changed += 1;
        }
    });
    return changed;
}
/** True when the directory exists and holds at least one entry (file or directory). */
async function nonEmptyDir(dir) {
    try {
        return (await fs.readdir(dir)).length > 0;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/cache/layers.ts




/**
 * Build-cache layers (docs/caches.md). A saved build cache is a *base*: the entries one build
 * used, trimmed. Packing and uploading it again costs every job the whole cache, so a job whose
 * build adds a little saves a *layer* instead: the entries it used that its base lacks (what it
 * compiled, and what the layer it restored gave it that it used again), keyed to that base
 * (keys.ts `layerCacheKey`) and restored over it. Layers are cumulative, so a job restores one
 * base and the newest layer of that base; when the layer grows to a real share of the build, the
 * job saves a new base instead (save-rule.ts), which folds it in.
 *
 * A layer is packed from, and restored as, a directory beside GOCACHE (`<GOCACHE>.go-paas-build-
 * layer`): the cache service derives an entry's version from the paths saved, so the path must be
 * the same on every runner with that GOCACHE, and a restore places its members into GOCACHE.
 */
function layerDir(gocache) {
    return `${external_node_path_default().resolve(gocache)}.go-paas-build-layer`;
}
const ENTRY_NAME = /^[0-9a-f]{2}\/[0-9a-f]{64}-[ad]$/;
/** An entry file's name as the layer and the base list name it: `ab/<64 hex>-d`. */
function entryName(gocache, file) {
    return external_node_path_default().relative(gocache, file).split((external_node_path_default()).sep).join('/');
}
/**
 * Writes the names of the entries GOCACHE holds (the base, just restored) to a new file: the post
 * step tells from it which entries the base lacks. Names only (no stat), in one write.
 */
async function writeBaseNames(file, gocache) {
    const names = [];
    let subdirs;
    try {
        subdirs = await fs.readdir(gocache, { withFileTypes: true });
    }
    catch {
        subdirs = [];
    }
    await Promise.all(subdirs
        .filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name))
        .map(async (d) => {
        const entries = await fs
            .readdir(path.join(gocache, d.name), { withFileTypes: true })
            .catch(() => []);
        for (const e of entries) {
            const name = `${d.name}/${e.name}`;
            if (e.isFile() && ENTRY_NAME.test(name))
                names.push(name);
        }
    }));
    await fs.writeFile(file, names.join('\n'), { flag: 'wx', mode: 0o600 });
    return names.length;
}
/** The base's entry names, or undefined when the list cannot be read (then no layer is made). */
async function readBaseNames(file) {
    try {
        const text = await promises_default().readFile(file, 'utf8');
        return new Set(text.split('\n').filter((n) => ENTRY_NAME.test(n)));
    }
    catch {
        return undefined;
    }
}
/** A new file name for the base list in `dir` (the runner's temp dir). */
function baseNamesFile(dir) {
    return path.join(dir, `go-paas-build-base-${randomBytes(6).toString('hex')}.txt`);
}
/**
 * Lays the layer's entry files out in {@link layerDir}, made anew (whatever stood there is
 * removed, a link included, never followed): each copied as a new file (cloned where the file
 * system can), not hard-linked: an entry with a second name is no entry to the trim and the
 * re-dating (gocache.ts), which a layer dir left behind would make of it. Returns the directory,
 * which the caller removes after the save.
 */
async function stageLayer(gocache, files, 
/** The copies' mtime: dated back, as a saved base's entries are (gocache.ts `dateBack`). */
mtime) {
    const dir = layerDir(gocache);
    (0,fs_tree/* removeTree */.dM)(dir);
    await promises_default().mkdir(dir, { mode: 0o700 });
    const made = new Set();
    for (const f of files) {
        const name = entryName(gocache, f.path);
        if (!ENTRY_NAME.test(name))
            continue;
        const sub = name.slice(0, 2);
        if (!made.has(sub)) {
            await promises_default().mkdir(external_node_path_default().join(dir, sub));
            made.add(sub);
        }
        const to = external_node_path_default().join(dir, name);
        await promises_default().copyFile(f.path, to, (promises_default()).constants.COPYFILE_EXCL | (promises_default()).constants.COPYFILE_FICLONE);
        await promises_default().utimes(to, mtime, mtime);
    }
    return dir;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/cache/save-rule.ts





/**
 * When a warm job saves the build cache (SPEC §4, docs/caches.md). Saving costs every job the
 * same: the whole trimmed cache is packed and uploaded again. Not saving costs the next jobs the
 * entries this one added: they build them again. So a job saves when what it added is a real
 * share of what its build used, and otherwise leaves the restored cache in place; the entries it
 * skipped are built again by the next job and count in that job's share, so skipped work adds up
 * to a save instead of piling up. A cache is never left unsaved for long: a save at least every
 * {@link SAVE_RULE}.maxRuns runs of the workflow, or every maxHours when the runs cannot be
 * compared (another workflow saved it, or a cache without the marker).
 *
 * Where the job knows which entries came with the restored base (layers.ts), a job that added
 * a real share ({@link SAVE_RULE}.layerShare, far below newShare: a layer is small) saves: a
 * layer of the entries the base lacks while they are under foldShare of what the build used
 * (cheap to pack, upload and restore), a new base once they reach it, or when the base is old by
 * the rule above. So every commit's work is kept, and the base is re-trimmed to one build now and
 * then.
 */
const SAVE_RULE = {
    /** New entry bytes, as a share of the bytes the build used or wrote, that make a save. */
    newShare: 0.1,
    maxRuns: 10,
    maxHours: 24,
    /** With layers: the share of the build that the base lacks at which a new base is saved. */
    foldShare: 0.5,
    /** With layers: new entry bytes, as a share of what the build used, worth a layer's upload. */
    layerShare: 0.02,
};
/**
 * A share as a percentage, rounded down (whole from 10 %, one decimal under it), so that a share
 * under the threshold never reads as the threshold: 9.96 % is "9.9%", not "10%".
 */
const pct = (x) => {
    // The epsilon keeps 0.1 (not exactly representable) from flooring to 9.9.
    const tenths = Math.floor(x * 1000 + 1e-9);
    return tenths >= 100 ? `${Math.floor(tenths / 10)}%` : `${(tenths / 10).toFixed(1)}%`;
};
const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** Pure: whether to save, and the reason, for the log. */
function decideBuildSave(f) {
    const added = f.entriesNow - f.entriesBefore;
    if (f.entriesNow === 0)
        return { save: false, why: 'empty, nothing to save' };
    if (added <= 0) {
        return {
            save: false,
            why: `this job added no entry to the ${f.restored ? 'restored cache' : 'cache'}, nothing to save`,
        };
    }
    if (!f.restored)
        return { save: true, why: 'no build cache was restored' };
    if (f.layer)
        return decideWithLayers(f, f.layer);
    const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
    const share = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
    const what = `${plural(added, 'new entry file')} (${(0,fs_tree/* formatSize */.Xq)(newBytes)}) are ${pct(share)} of the ${(0,fs_tree/* formatSize */.Xq)(f.usedBytes)} the build used`;
    if (share >= SAVE_RULE.newShare)
        return { save: true, why: `${what} (${pct(SAVE_RULE.newShare)} or more)` };
    const old = oldBase(f);
    if (old)
        return { save: true, why: old };
    const age = f.savedRunsAgo !== undefined
        ? `${plural(f.savedRunsAgo, 'run')} ago`
        : `${Math.floor(f.savedHoursAgo)} hours ago`;
    return {
        save: false,
        why: `not saved: ${what} (under ${pct(SAVE_RULE.newShare)}), and the restored cache is from ${age}; the next job builds them again, and saves once its new share reaches ${pct(SAVE_RULE.newShare)} or the cache is ${SAVE_RULE.maxRuns} runs old`,
    };
}
/** Why the restored cache is old enough to be saved anew, or undefined. */
function oldBase(f) {
    if (f.savedRunsAgo !== undefined) {
        return f.savedRunsAgo >= SAVE_RULE.maxRuns
            ? `the restored cache was saved ${plural(f.savedRunsAgo, 'run')} ago (a save at least every ${SAVE_RULE.maxRuns} runs)`
            : undefined;
    }
    if (f.savedHoursAgo === undefined)
        return 'the restored cache does not say when it was saved';
    return f.savedHoursAgo >= SAVE_RULE.maxHours
        ? `the restored cache was saved ${Math.floor(f.savedHoursAgo)} hours ago (a save at least every ${SAVE_RULE.maxHours} hours)`
        : undefined;
}
/** A warm job that added entries, knowing its base: a layer, or a new base. */
function decideWithLayers(f, layer) {
    const old = oldBase(f);
    if (old)
        return { save: true, why: `a new base: ${old}` };
    if (layer.entries === 0) {
        return {
            save: false,
            why: 'every entry the build used is in the restored base, nothing to save',
        };
    }
    const share = f.usedBytes > 0 ? layer.bytes / f.usedBytes : 1;
    const what = `the ${plural(layer.entries, 'entry file')} (${(0,fs_tree/* formatSize */.Xq)(layer.bytes)}) the base lacks are ${pct(share)} of the ${(0,fs_tree/* formatSize */.Xq)(f.usedBytes)} the build used`;
    if (share >= SAVE_RULE.foldShare) {
        return {
            save: true,
            why: `a new base: ${what} (${pct(SAVE_RULE.foldShare)} or more, folded in)`,
        };
    }
    const added = f.entriesNow - f.entriesBefore;
    const newBytes = Math.max(0, f.bytesNow - f.bytesBefore);
    const newShare = f.usedBytes > 0 ? newBytes / f.usedBytes : 1;
    if (newShare < SAVE_RULE.layerShare) {
        return {
            save: false,
            why: `not saved: ${plural(added, 'new entry file')} (${(0,fs_tree/* formatSize */.Xq)(newBytes)}) are ${pct(newShare)} of the ${(0,fs_tree/* formatSize */.Xq)(f.usedBytes)} the build used (under ${pct(SAVE_RULE.layerShare)}: not worth a layer); the next job builds them again`,
        };
    }
    return { save: true, layer: true, why: `a layer over the base: ${what}` };
}
/**
 * The marker a saved build cache carries (`go-paas-build.json` in GOCACHE): which workflow saved
 * it, in which run, when. It arrives from the cache service, so it is read as untrusted: anything
 * malformed counts as unknown.
 */
const MARKER_FILE = 'go-paas-build.json';
const MARKER_MAX_BYTES = 4096;
/**
 * The marker's text, read only from a small regular file: the restored archive could hold a
 * symlink there (to /dev/zero, to a secret), which is not followed.
 */
async function readMarker(gocache) {
    const file = path.join(gocache, MARKER_FILE);
    try {
        // O_NONBLOCK: a FIFO there would otherwise hold the open until someone writes to it.
        const fh = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK);
        try {
            const st = await fh.stat();
            if (!st.isFile() || st.size > MARKER_MAX_BYTES)
                return undefined;
            return await fh.readFile('utf8');
        }
        finally {
            await fh.close();
        }
    }
    catch {
        return undefined;
    }
}
/**
 * Writes the marker: a new file beside it, renamed over the name, so that whatever is there (a
 * symlink, a directory's worth of mischief) is replaced, never written through. A failure only
 * costs the next job its knowledge of the age: it then saves.
 */
async function writeMarker(gocache, marker) {
    const file = external_node_path_default().join(gocache, MARKER_FILE);
    const tmp = `${file}.${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
    try {
        await promises_default().writeFile(tmp, JSON.stringify(marker), { flag: 'wx' });
        await promises_default().rename(tmp, file);
    }
    catch {
        await promises_default().rm(tmp, { force: true }).catch(() => undefined);
        // the next restore reads it as unknown
    }
}
function workflowId(env) {
    const ref = env.GITHUB_WORKFLOW_REF;
    return ref ? ref.replace(/@.*$/, '') : undefined;
}
function parseMarker(text) {
    if (text === undefined || text.length > MARKER_MAX_BYTES)
        return undefined;
    try {
        const m = JSON.parse(text);
        if (typeof m.workflow === 'string' &&
            Number.isSafeInteger(m.runNumber) &&
            m.runNumber >= 0 &&
            Number.isFinite(m.savedAt)) {
            return { workflow: m.workflow, runNumber: m.runNumber, savedAt: m.savedAt };
        }
    }
    catch {
        // unknown
    }
    return undefined;
}
/** How long ago a marker's save was, in this workflow's runs and in hours, as far as known. */
function markerAge(marker, now) {
    if (!marker)
        return {};
    const out = {};
    if (now.workflow !== undefined &&
        now.runNumber !== undefined &&
        marker.workflow === now.workflow &&
        marker.runNumber <= now.runNumber) {
        out.savedRunsAgo = now.runNumber - marker.runNumber;
    }
    // A time in the future is a clock or a forgery: unknown.
    if (marker.savedAt <= now.time + 60_000) {
        out.savedHoursAgo = Math.max(0, now.time - marker.savedAt) / 3_600_000;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cache/save.ts





/** Upload time allowed: a base plus a floor rate far below any runner's. */
function saveDeadlineMs(bytes) {
    return 60_000 + Math.ceil(bytes / 2_000_000) * 1000;
}
/**
 * Saves one cache; a key already taken (a re-run, a parallel matrix cell) is the store's notice.
 * Returns false when the service failed (the caller stops trying).
 */
async function saveOne(store, log, what, dir, key, bytes, detail) {
    const r = await store.save([dir], key, saveDeadlineMs(bytes));
    if (r.fault)
        return false;
    if (r.value.saved)
        log.info(`Saved the ${what} as ${key}: ${detail} (${(r.ms / 1000).toFixed(1)} s)`);
    return true;
}
/**
 * Saves `files` (GOCACHE entries) as the layer `key`, from the layer dir beside GOCACHE, which is
 * removed after; the copies are dated back, as a base's entries are (the restore need not).
 */
async function saveLayer(store, log, gocache, key, files, why) {
    const bytes = files.reduce((n, f) => n + f.size, 0);
    let dir;
    try {
        dir = await stageLayer(gocache, files, new Date(Date.now() - BACKDATE_MS));
        await saveOne(store, log, 'build cache layer', dir, key, bytes, why);
    }
    catch (err) {
        log.warning(`The build cache layer was not saved: ${(0,errors/* errorMessage */.g)(err)}`);
    }
    finally {
        if (dir)
            (0,fs_tree/* removeTree */.dM)(dir);
    }
}
/** The post step: saves what the main step restored or built, by the rules of SPEC §4. */
async function saveCaches(store, log, state, buildOk) {
    if (state.mode === 'read-only') {
        log.info('cache: read-only: nothing is saved');
        return;
    }
    if (state.fault) {
        log.info('Caches are not saved: the cache service failed in the main step');
        return;
    }
    if (state.mod) {
        const mod = state.mod;
        if (mod.exactHit) {
            log.info('Module cache: restored with its exact key, nothing new to save');
        }
        else if (!buildOk) {
            log.info('Module cache: not saved, the build did not succeed (the downloads may be incomplete)');
        }
        else {
            const bytes = await dirBytes(mod.path);
            if (bytes === 0) {
                log.info('Module cache: empty (no module was downloaded), nothing to save');
            }
            else if (!(await saveOne(store, log, 'module cache', mod.path, mod.key, bytes, (0,fs_tree/* formatSize */.Xq)(bytes)))) {
                return;
            }
        }
    }
    if (state.build) {
        const b = state.build;
        const files = await entryFiles(b.path);
        const { keep, drop } = partitionEntries(files, b.mark);
        const sum = (list) => list.reduce((n, f) => n + f.size, 0);
        // The entries the build used that its base lacks: the layer, when the base is known.
        const baseNames = b.layer ? await readBaseNames(b.layer.baseNames) : undefined;
        const layer = baseNames
            ? keep.filter((f) => !baseNames.has(entryName(b.path, f.path)))
            : undefined;
        const decision = decideBuildSave({
            restored: b.restoredKey !== undefined,
            entriesBefore: b.entries,
            // A state from before bytes were recorded: every byte counts as new, so it saves.
            bytesBefore: b.bytes ?? 0,
            entriesNow: files.length,
            bytesNow: sum(files),
            usedBytes: sum(keep),
            savedRunsAgo: b.savedRunsAgo,
            savedHoursAgo: b.savedHoursAgo,
            layer: layer ? { entries: layer.length, bytes: sum(layer) } : undefined,
        });
        if (!decision.save) {
            log.info(`Build cache: ${decision.why}`);
            return;
        }
        if (decision.layer && layer && b.layer) {
            await saveLayer(store, log, b.path, b.layer.key, layer, decision.why);
            return;
        }
        const t = await trimEntries(drop);
        const added = files.length - b.entries;
        const detail = `${keep.length} entry files (${(0,fs_tree/* formatSize */.Xq)(sum(keep))}) used or written by this job, ` +
            `${added} of them new; ${t.removed} unused (${(0,fs_tree/* formatSize */.Xq)(t.removedBytes)}) trimmed; ${decision.why}`;
        // Dated back now, so that the job restoring them need not (backdateEntries).
        await dateBack(keep, Date.now());
        await writeMarker(b.path, {
            workflow: b.workflow ?? '',
            runNumber: b.runNumber ?? 0,
            savedAt: Date.now(),
        });
        await saveOne(store, log, 'build cache', b.path, b.key, sum(keep), detail);
    }
}


/***/ }),

/***/ 6135:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  $: () => (/* binding */ actionsCacheStore)
});

// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __nccwpck_require__(6698);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/runtime/capture.ts

const held = new external_node_async_hooks_.AsyncLocalStorage();
let installed = false;
/**
 * Patches stdout (once). The cache client's output filter (src/cache/service.ts) calls this
 * before patching stdout itself, so that it sees each line first, when it is written, in the
 * context of the call that wrote it.
 */
function installOutputHold() {
    if (installed)
        return;
    installed = true;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        const box = held.getStore();
        if (!box || box.released)
            return write(chunk, ...rest);
        box.chunks.push(chunk);
        // A write callback, if any, is called as if written.
        const cb = rest.find((r) => typeof r === 'function');
        if (cb)
            queueMicrotask(cb);
        return true;
    });
}
/** Starts `fn` with its stdout held back (see the module comment). */
function holdOutput(fn) {
    installOutputHold();
    const box = { chunks: [], released: false };
    const result = held.run(box, fn);
    return {
        result,
        release() {
            if (box.released)
                return;
            box.released = true;
            for (const c of box.chunks.splice(0))
                process.stdout.write(c);
        },
    };
}

// EXTERNAL MODULE: ./src/trust/log-text.ts
var log_text = __nccwpck_require__(6290);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/toolchain/http.ts


/** An HTTP answer we will not retry (a 4xx other than 408/429), or the last of the retried ones. */
class http_HttpStatusError extends Error {
    url;
    status;
    constructor(url, status) {
        super(`${(0,log_text/* show */.WU)(url)} answered HTTP ${status}`);
        this.url = url;
        this.status = status;
    }
}
/** Network errors, 408, 429 and 5xx are worth another attempt; other 4xx are final at once. */
function isRetryable(err) {
    if (err instanceof http_HttpStatusError) {
        return err.status === 408 || err.status === 429 || err.status >= 500;
    }
    return !(err instanceof UserError);
}
const ATTEMPTS = 3;
/** Backoff before attempts 2 and 3. Short: a 2-core CI job should not sit idle for long. */
const BACKOFF_MS = (/* unused pure expression or super */ null && ([500, 1500]));
/** Runs `fn` up to three times while its failure is retryable, logging each retry. */
async function http_withRetries(what, log, fn) {
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            if (attempt >= ATTEMPTS || !isRetryable(err))
                throw err;
            const wait = BACKOFF_MS[attempt - 1] ?? 1500;
            log.info(`${what} failed (${errorMessage(err)}); attempt ${attempt + 1} of ${ATTEMPTS} in ${wait} ms`);
            await new Promise((r) => setTimeout(r, wait));
        }
    }
}
/**
 * GET with proxy support (http_proxy / https_proxy / no_proxy, like the rest of the runner's tools).
 * `authorization` (from credentials in go-download-base-url) goes as a header, which the client
 * drops when a redirect leads to another host. Resolves with the response stream on 2xx; throws
 * HttpStatusError otherwise.
 */
async function http_httpGet(url, authorization) {
    const { HttpClient } = await __nccwpck_require__.e(/* import() */ 942).then(__nccwpck_require__.bind(__nccwpck_require__, 4942));
    const client = new HttpClient('go-paas-build', [], {
        allowRetries: false,
        socketTimeout: 60_000,
    });
    const res = await client.get(url, authorization ? { authorization } : {});
    const status = res.message.statusCode ?? 0;
    if (status < 200 || status >= 300) {
        res.message.resume();
        throw new http_HttpStatusError(url, status);
    }
    return res.message;
}
async function readBody(res) {
    const chunks = [];
    for await (const c of res)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}
/** The whole body as bytes; more than `limit` bytes is an error (a small answer was expected). */
async function readBytes(res, limit) {
    const chunks = [];
    let size = 0;
    for await (const c of res) {
        size += c.length;
        if (size > limit) {
            res.destroy();
            throw new errors/* UserError */.y(`the answer is larger than ${limit} bytes`);
        }
        chunks.push(c);
    }
    return Buffer.concat(chunks);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/hash.ts

/** The SHA-256 of text (UTF-8) or bytes, in lower-case hex: cache keys, SBOM digests, versions. */
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/cache/transport.ts


/** No data on the socket for this long ends the request (a stalled download). */
const IDLE_MS = 30_000;
function proxied(url, env) {
    const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
    return names.some((n) => !!env[n]);
}
/** Sends the request; resolves with the response (any status) once its headers arrive. */
async function send(url, req, env = process.env) {
    const u = new URL(url);
    if (proxied(u, env))
        return viaActionsClient(url, req);
    const lib = u.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    return new Promise((resolve, reject) => {
        const r = lib.request(u, { method: req.method, headers: req.headers, signal: req.signal }, resolve);
        r.setTimeout(IDLE_MS, () => r.destroy(new Error(`no answer for ${IDLE_MS / 1000} s`)));
        r.on('error', reject);
        if (typeof req.body === 'object') {
            req.body.on('error', (err) => r.destroy(err));
            req.body.pipe(r);
        }
        else
            r.end(req.body);
    });
}
async function viaActionsClient(url, req) {
    const { HttpClient } = await __nccwpck_require__.e(/* import() */ 942).then(__nccwpck_require__.bind(__nccwpck_require__, 4942));
    const client = new HttpClient('go-paas-build', [], {
        allowRetries: false,
        socketTimeout: IDLE_MS,
    });
    req.signal?.addEventListener('abort', () => client.dispose(), { once: true });
    const res = await client.request(req.method, url, req.body ?? null, req.headers ?? {});
    return res.message;
}

;// CONCATENATED MODULE: ./src/cache/protocol.ts






function cacheVersion(paths, compression, platform = process.platform) {
    const parts = [...paths, compression];
    if (platform === 'win32')
        parts.push('windows-only');
    parts.push('1.0');
    return sha256Hex(parts.join('|'));
}
let chosen;
/** As @actions/cache chooses (cacheUtils.js getCompressionMethod); asked once per process. */
function compressionMethod() {
    chosen ??= new Promise((resolve) => {
        const p = (0,external_node_child_process_namespaceObject.spawn)('zstd', ['--quiet', '--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        const add = (b) => (out += b.toString());
        p.stdout.on('data', add);
        p.stderr.on('data', add);
        p.on('error', () => resolve('gzip'));
        p.on('close', () => resolve(out.trim() ? 'zstd-without-long' : 'gzip'));
    });
    return chosen;
}
/** Which service @actions/cache would use (config.js), and whether this job may read from it. */
function serviceConfig(env) {
    let ghes;
    try {
        const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toUpperCase();
        ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
    }
    catch {
        ghes = true;
    }
    const protocol = !ghes && env.ACTIONS_CACHE_SERVICE_V2 ? 'v2' : 'v1';
    const url = protocol === 'v2' ? env.ACTIONS_RESULTS_URL : env.ACTIONS_CACHE_URL;
    if (!url)
        return {
            ok: false,
            reason: `no ${protocol === 'v2' ? 'ACTIONS_RESULTS_URL' : 'ACTIONS_CACHE_URL'}: this runner offers no cache service`,
        };
    const token = env.ACTIONS_RUNTIME_TOKEN;
    if (!token)
        return { ok: false, reason: 'no ACTIONS_RUNTIME_TOKEN: this step has no cache access' };
    // ACTIONS_CACHE_MODE (set by the runner): `none` and `write-only` deny reads; unknown allows.
    const mode = (env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    return { ok: true, protocol, url, token, readable: mode !== 'none' && mode !== 'write-only' };
}
/** A call that failed on the service's side; `retryable` as @actions/cache would retry it. */
class ServiceError extends Error {
    retryable;
    status;
    serviceMessage;
    constructor(message, retryable, 
    /** The HTTP status, when the service answered. */
    status, 
    /** The service's own message (Twirp's `msg`), as it gave it. */
    serviceMessage) {
        super(message);
        this.retryable = retryable;
        this.status = status;
        this.serviceMessage = serviceMessage;
    }
}
const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
const RETRIED = new Set([500, 502, 503, 504]);
const authHeaders = (cfg) => ({
    Authorization: `Bearer ${cfg.token}`,
    'User-Agent': 'go-paas-build',
});
/**
 * Sends one request to the service and reads its JSON answer; a 2xx answer's body is returned,
 * anything else throws a ServiceError (`retryable` as @actions/cache would retry it; a refused
 * or reset connection is not), whose `code` is Twirp's when it named one.
 */
async function ask(url, req) {
    let res;
    try {
        res = await send(url, req);
    }
    catch (err) {
        // Refused, reset, unknown host: @actions/cache does not retry these either.
        throw new ServiceError(err.message, false);
    }
    const status = res.statusCode ?? 0;
    if (status === 204) {
        res.resume();
        return { status, body: {} };
    }
    let text;
    try {
        text = (await readBytes(res, 1 << 20)).toString('utf8');
    }
    catch (err) {
        throw new ServiceError(`its answer was cut off: ${err.message}`, true);
    }
    let body = {};
    try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object')
            body = parsed;
    }
    catch {
        if (status >= 200 && status < 300)
            throw new ServiceError(`it answered something that is not JSON`, true);
    }
    if (status < 200 || status >= 300) {
        const msg = typeof body.msg === 'string'
            ? body.msg
            : typeof body.message === 'string'
                ? body.message
                : '';
        throw new ServiceError(`the cache service answered HTTP ${status}${msg ? `: ${(0,log_text/* quote */.hD)(msg)}` : ''}`, RETRIED.has(status), status, msg);
    }
    return { status, body };
}
/** One Twirp call of the v2 cache service (proto3 JSON: empty repeated fields left out). */
function twirp(cfg, method, body, signal) {
    return ask(new URL(TWIRP + method, cfg.url).href, {
        method: 'POST',
        headers: { ...authHeaders(cfg), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal,
    });
}
/**
 * Backoff between attempts at a call the service answered with a 5xx (the answers @actions/cache
 * retries) or, for an upload, the network dropped; the last wait repeated until the caller's
 * deadline: a short outage is ridden out, a long one costs the deadline, not the library's half
 * minute.
 */
const RETRY_MS = [250, 500, 1000];
/**
 * Runs `fn` again after each retryable ServiceError until it succeeds, fails otherwise, or
 * `signal` ends (then the last error is thrown). `onRetry` sees each error that is retried.
 */
async function retrying(signal, fn, onRetry) {
    for (let attempt = 0;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            if (signal.aborted || !(err instanceof ServiceError && err.retryable))
                throw err;
            onRetry?.(err);
            const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
            await (0,promises_namespaceObject.setTimeout)(wait, undefined, { signal }).catch(() => undefined);
            if (signal.aborted)
                throw err;
        }
    }
}
/** The first of `names` that `body` holds as a string (protobuf JSON: snake or camel case). */
function field(body, ...names) {
    return names.map((n) => body[n]).find((v) => typeof v === 'string');
}
/** The newest entry for `key`, else for the first restore key that prefixes one; one request. */
async function findEntry(cfg, key, restoreKeys, version, signal) {
    const { status, body } = cfg.protocol === 'v2'
        ? await twirp(cfg, 'GetCacheEntryDownloadURL', { key, ...(restoreKeys.length ? { restore_keys: restoreKeys } : {}), version }, signal)
        : await ask(`${cfg.url.replace(/\/?$/, '/')}_apis/artifactcache/cache?keys=${encodeURIComponent([key, ...restoreKeys].join(','))}&version=${version}`, {
            method: 'GET',
            headers: { ...authHeaders(cfg), Accept: 'application/json;api-version=6.0-preview.1' },
            signal,
        });
    if (cfg.protocol === 'v1' && status === 204)
        return undefined;
    if (cfg.protocol === 'v2' && body.ok !== true)
        return undefined;
    const matched = cfg.protocol === 'v2' ? field(body, 'matched_key', 'matchedKey') : field(body, 'cacheKey');
    const url = cfg.protocol === 'v2'
        ? field(body, 'signed_download_url', 'signedDownloadUrl')
        : field(body, 'archiveLocation');
    if (!matched || !url)
        throw new ServiceError('it named an entry without its key or location', false);
    return { key: matched, url };
}

// EXTERNAL MODULE: ./src/cache/state.ts
var state = __nccwpck_require__(4807);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/fs-tree.ts
var fs_tree = __nccwpck_require__(9705);
;// CONCATENATED MODULE: ./src/trust/paths.ts




/** A root for confine: its real path (created first when `create`). */
function paths_realRoot(dir, name, create = false) {
    if (create)
        fs.mkdirSync(dir, { recursive: true });
    return { dir: resolveReal(path.resolve(dir)), name };
}
const MAX_LINKS = 40;
class LinkLoop extends (/* unused pure expression or super */ null && (Error)) {
}
/**
 * The real path of `abs`, following every symlink, also through parts that do not exist yet
 * (a dangling symlink is followed to where a write through it would land).
 */
function resolveReal(abs, links = 0) {
    try {
        return fs.realpathSync(abs);
    }
    catch (err) {
        const code = err.code;
        if (code === 'ELOOP')
            throw new LinkLoop(abs);
        if (code !== 'ENOENT' && code !== 'ENOTDIR')
            throw err;
    }
    const parent = path.dirname(abs);
    if (parent === abs)
        return abs;
    const realParent = resolveReal(parent, links);
    const here = path.join(realParent, path.basename(abs));
    let st;
    try {
        st = fs.lstatSync(here);
    }
    catch {
        return here; // does not exist: nothing more to follow
    }
    if (!st.isSymbolicLink())
        return here;
    if (links >= MAX_LINKS)
        throw new LinkLoop(abs);
    return resolveReal(path.resolve(realParent, fs.readlinkSync(here)), links + 1);
}
/** Whether real path `p` is inside `root` (or is the root, when allowed). */
function isInside(root, p, allowRoot = false) {
    const rel = path.relative(root, p);
    if (rel === '')
        return allowRoot;
    return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
/**
 * Resolves `value` (relative to the root, or absolute) and returns its real path, or fails with
 * one line naming the label, the value and the root. Symlinks count where they lead.
 */
function paths_confine(root, value, opts) {
    const accepted = opts.accepted ?? 'use a path inside it';
    const lexical = path.resolve(root.dir, value);
    const where = `${root.name} (${show(root.dir)})`;
    if (!isInside(root.dir, lexical, opts.allowRoot)) {
        const what = lexical === root.dir ? `is ${root.name} itself` : `is outside ${where}`;
        throw new UserError(`${opts.label}: ${quote(value)} ${what}; ${accepted}`);
    }
    let real;
    try {
        real = resolveReal(lexical);
    }
    catch (err) {
        if (err instanceof LinkLoop) {
            throw new UserError(`${opts.label}: ${quote(value)} is a symlink loop; ${accepted}`);
        }
        throw new UserError(`${opts.label}: ${quote(value)} cannot be resolved (${err.code ?? 'error'}); ${accepted}`);
    }
    if (!isInside(root.dir, real, opts.allowRoot)) {
        throw new UserError(`${opts.label}: ${quote(value)} leads outside ${where} through a symlink, to ${quote(real)}; ${accepted}`);
    }
    return real;
}
/**
 * An app file's text, read only when the file, symlinks followed, is inside the root; undefined
 * when it does not exist or is not a regular file. A symlink out of the root is refused.
 */
function readInside(root, rel, label = rel) {
    return readBytesInside(root, rel, label)?.toString('utf8');
}
/** readInside's bytes, for a file whose text need not be UTF-8 (`.slugignore` names files). */
function readBytesInside(root, rel, label = rel) {
    try {
        fs.lstatSync(path.join(root.dir, rel));
    }
    catch {
        return undefined;
    }
    const real = paths_confine(root, rel, {
        label,
        accepted: 'replace the symlink with the file itself',
    });
    try {
        return fs.statSync(real).isFile() ? fs.readFileSync(real) : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var node_modules_semver = __nccwpck_require__(2088);
;// CONCATENATED MODULE: ./src/go-targets.ts


/**
 * Go's target vocabulary in one place. GOOS/GOARCH pairs are the union of `go tool dist list`
 * over the Go versions the action is tested with (a unit test runs it on every Go fixture), so a
 * misspelt target fails before anything is downloaded. The other vocabularies (go.dev's archive
 * names, Node's and the runner tool cache's names) map to and from GOARCH here only.
 */
const PAIRS = new Set(('aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 ' +
    'dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 ' +
    'illumos/amd64 ios/amd64 ios/arm64 js/wasm linux/386 linux/amd64 linux/arm linux/arm64 ' +
    'linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle linux/ppc64 linux/ppc64le ' +
    'linux/riscv64 linux/s390x netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 ' +
    'openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/mips64 openbsd/ppc64 openbsd/riscv64 ' +
    'plan9/386 plan9/amd64 plan9/arm solaris/amd64 wasip1/wasm windows/386 windows/amd64 ' +
    'windows/arm windows/arm64').split(' '));
const GOOS_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[0]))].sort();
const GOARCH_LIST = [...new Set([...PAIRS].map((p) => p.split('/')[1]))].sort();
function isGoTarget(goos, goarch) {
    return PAIRS.has(`${goos}/${goarch}`);
}
/** GOARCH of the machine running the action (Node names its architectures differently). */
function hostGoArch(nodeArch) {
    return NODE_TO_GOARCH[nodeArch] ?? nodeArch;
}
/** GOOS of the machine running the action. */
function hostGoos(platform) {
    return platform === 'win32' ? 'windows' : platform;
}
const NODE_TO_GOARCH = { x64: 'amd64', ia32: '386', x32: '386' };
/** go.dev names 32-bit ARM archives `armv6l`; every other arch is named as GOARCH. */
function archiveArch(goarch) {
    return goarch === 'arm' ? 'armv6l' : goarch;
}
/** The runner tool cache (setup-go, the hosted images) uses Node's names: x64, x32, arm64, arm. */
function go_targets_toolCacheArch(goarch) {
    return goarch === 'amd64' ? 'x64' : goarch === '386' ? 'x32' : goarch;
}
/** Architectures go.dev publishes Linux or macOS archives for (what `architecture` can install). */
const INSTALLABLE = (/* unused pure expression or super */ null && ([
    'amd64',
    'arm64',
    '386',
    'arm',
    'loong64',
    'mips',
    'mips64',
    'mips64le',
    'mipsle',
    'ppc64',
    'ppc64le',
    'riscv64',
    's390x',
]));
/** The `architecture` input: GOARCH names, and the Node (`x64`) or go.dev (`armv6l`) ones. */
function installArch(raw, label) {
    const v = raw.toLowerCase();
    const goarch = v === 'armv6l' ? 'arm' : hostGoArch(v);
    if (INSTALLABLE.includes(goarch))
        return goarch;
    throw new UserError(`${label}: ${quote(raw)} is not an architecture go.dev publishes Go for; use ${INSTALLABLE.join(', ')} (or x64)`);
}
/** The `goos` input: a GOOS. */
function goosValue(raw, label) {
    if (GOOS_LIST.includes(raw))
        return raw;
    throw new UserError(`${label}: ${quote(raw)} is not a GOOS; use one of ${GOOS_LIST.join(', ')}`);
}
/** The `goarch` input: a GOARCH (Go's names, not go.dev's or Node's). */
function goarchValue(raw, label) {
    if (GOARCH_LIST.includes(raw))
        return raw;
    const alias = raw === 'armv6l' ? 'arm (GOARM=6)' : NODE_TO_GOARCH[raw.toLowerCase()];
    throw new UserError(`${label}: ${quote(raw)} is not a GOARCH; ${alias ? `use ${alias}, or one of` : 'use one of'} ${GOARCH_LIST.join(', ')}`);
}
/** goos and goarch together (either may default to the host's): a pair Go builds for. */
function checkGoTarget(goos, goarch) {
    if (!isGoTarget(goos, goarch)) {
        throw new UserError(`goos/goarch: ${quote(`${goos}/${goarch}`)} is not a target Go builds for; use a pair that 'go tool dist list' prints`);
    }
}

;// CONCATENATED MODULE: ./src/toolchain/version-spec.ts



// Go release names: go1, go1.20, go1.22.5, go1.25rc2, go1.14beta1. A pre-release suffix only
// follows major.minor (there is no go1.21.0rc1), and numbers have no leading zeros.
const NUM = '(0|[1-9]\\d*)';
const GO_NAME = new RegExp(`^(?:go)?${NUM}(?:\\.${NUM}(?:\\.${NUM}|(alpha|beta|rc)${NUM})?)?$`);
/** `go1.22` → `1.22.0`, `go1.25rc2` → `1.25.0-rc.2`, `go1` → `1.0.0`; undefined if not a Go name. */
function version_spec_goToSemver(v) {
    const m = GO_NAME.exec(v.trim());
    if (!m)
        return undefined;
    const [, major, minor = '0', patch = '0', preKind, preNum] = m;
    return `${major}.${minor}.${patch}${preKind ? `-${preKind}.${preNum}` : ''}`;
}
/**
 * Inverse of goToSemver: `1.22.0` → `go1.22.0`, but `1.20.0` → `go1.20` because before Go 1.21 the
 * first release of a minor had no `.0` (and Go 1.0 was released as `go1`).
 */
function semverToGo(s) {
    const v = semver.parse(s);
    if (!v)
        throw new Error(`semverToGo: not a semver version: ${s}`);
    const pre = v.prerelease.length > 0 ? v.prerelease.join('') : '';
    if (pre)
        return `go${v.major}.${v.minor}${pre}`;
    if (v.patch === 0 && v.major === 1 && v.minor === 0)
        return 'go1';
    if (v.patch === 0 && v.major === 1 && v.minor <= 20)
        return `go${v.major}.${v.minor}`;
    return `go${v.major}.${v.minor}.${v.patch}`;
}
/** Go name without the `go` prefix, the way people write versions (`1.20`, `1.25rc3`). */
function displayVersion(s) {
    return semverToGo(s).slice(2);
}
const ACCEPTED = {
    user: 'use 1.24, go1.24, 1.24.4, a semver range such as ^1.22, stable or oldstable',
    'go-directive': 'use a Go version such as 1.22 or 1.22.3 (as in `go 1.22.3`)',
    toolchain: 'use a toolchain name such as go1.22.5 (as in `toolchain go1.22.5`)',
};
function fail(raw, kind, inputName) {
    const what = kind === 'toolchain' ? 'a Go toolchain name' : 'a Go version';
    // quote keeps the message on one line, and inert, whatever the value holds.
    throw new UserError(`${inputName}: ${quote(raw)} is not ${what}; ${ACCEPTED[kind]}`);
}
// `1.24`, `go1.24`, `1.24.x`: a whole minor line.
const MINOR_ONLY = new RegExp(`^(?:go)?${NUM}\\.${NUM}(?:\\.[xX*])?$`);
// go.mod `go` lines follow Go's own grammar: major.minor, optional patch or pre-release, no prefix.
const GO_DIRECTIVE = new RegExp(`^${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?$`);
// `toolchain go1.22.5`; Go also allows a custom suffix (`go1.22.5-corp`), which names the same base.
const TOOLCHAIN = new RegExp(`^(go${NUM}\\.${NUM}(?:\\.${NUM}|(?:alpha|beta|rc)${NUM})?)(?:[-+][\\w.+-]*)?$`);
function parseVersionSpec(raw, kind, inputName) {
    const value = raw.trim();
    if (value === '') {
        throw new UserError(`${inputName} is empty; ${ACCEPTED[kind]}`);
    }
    // One version per value: a multi-line value is a mistake (npm would read `1.22\n1.23` as an
    // unsatisfiable intersection rather than reject it).
    if (/[\r\n]/.test(value))
        fail(value, kind, inputName);
    if (kind === 'toolchain') {
        const m = TOOLCHAIN.exec(value);
        const version = m?.[1] ? version_spec_goToSemver(m[1]) : undefined;
        if (!version)
            fail(value, kind, inputName);
        return { kind: 'exact', raw: value, version };
    }
    if (kind === 'go-directive') {
        if (!GO_DIRECTIVE.test(value))
            fail(value, kind, inputName);
        const version = version_spec_goToSemver(value); // GO_DIRECTIVE is a subset of GO_NAME
        const v = semver.parse(version);
        const minor = `${v.major}.${v.minor}`;
        // `go 1.22` names a language version, not a release: any 1.22.* will do.
        if (/^\d+\.\d+$/.test(value))
            return { kind: 'latest-minor', raw: value, minor };
        return { kind: 'minimum', raw: value, minor, min: version };
    }
    const lower = value.toLowerCase();
    if (lower === 'stable')
        return { kind: 'stable', raw: value };
    if (lower === 'oldstable')
        return { kind: 'oldstable', raw: value };
    // Go forms are checked before npm ranges: `go1.24` and `1.25rc2` are not semver at all, and the
    // documented Go meaning must win for `1.24` / `1.24.4` whatever npm would make of them.
    const minorOnly = MINOR_ONLY.exec(value);
    if (minorOnly)
        return { kind: 'latest-minor', raw: value, minor: `${minorOnly[1]}.${minorOnly[2]}` };
    const goVersion = version_spec_goToSemver(value);
    // A bare `1` is left to npm (`1.x`); `go1` is the release named go1.
    if (goVersion && (value.startsWith('go') || value.includes('.'))) {
        return { kind: 'exact', raw: value, version: goVersion };
    }
    const exact = semver.valid(value);
    if (exact)
        return { kind: 'exact', raw: value, version: exact };
    const range = semver.validRange(value);
    if (range)
        return { kind: 'range', raw: value, range };
    fail(value, kind, inputName);
}
/** `1.22.5` → `1.22`: the minor a Go release belongs to. */
function minorKey(v) {
    return `${v.major}.${v.minor}`;
}
/**
 * Whether an installed Go (semver form) satisfies the spec without consulting the index: used for
 * the tool cache and a Go already on the machine. stable/oldstable need the index, so never.
 */
function satisfies(spec, semverVersion) {
    const v = semver.parse(semverVersion);
    if (!v)
        return false;
    switch (spec.kind) {
        case 'latest-minor':
            return v.prerelease.length === 0 && minorKey(v) === spec.minor;
        case 'exact':
            return semver.eq(v, spec.version);
        case 'minimum':
            // A pre-release only passes when the minimum itself is one (`go 1.21rc2`): semver orders
            // 1.22.0-rc.1 below 1.22.0, so it is below any stable minimum of the same minor.
            return minorKey(v) === spec.minor && semver.gte(v, spec.min);
        case 'range':
            return semver.satisfies(v, spec.range);
        case 'stable':
        case 'oldstable':
            return false;
    }
}
/** Short text for logs: `newest 1.22.x ≥ 1.22.3`, `exactly go1.22.5`. */
function describeSpec(spec) {
    switch (spec.kind) {
        case 'latest-minor':
            return `newest ${spec.minor}.x`;
        case 'exact':
            return `exactly ${semverToGo(spec.version)}`;
        case 'minimum':
            return `newest ${spec.minor}.x ≥ ${displayVersion(spec.min)}`;
        case 'range':
            return `newest stable matching ${spec.raw}`;
        case 'stable':
            return 'newest stable release';
        case 'oldstable':
            return 'newest stable release of the previous minor';
    }
}

;// CONCATENATED MODULE: ./src/toolchain/toolcache.ts





/**
 * The runner tool cache layout that setup-go and the hosted images use:
 * `<toolCache>/go/<semver>/<arch>` plus a `<arch>.complete` marker, with Node's arch names.
 */
function toolcache_toolCacheDir(toolCache, version, goArch) {
    return path.join(toolCache, 'go', version, toolCacheArch(goArch));
}
function toolcache_isComplete(dir) {
    return fs.existsSync(`${dir}.complete`) && fs.existsSync(dir);
}
/** Complete installs in the tool cache for that arch, as semver strings, newest first. */
function cachedVersions(toolCache, goArch) {
    let names;
    try {
        names = fs.readdirSync(path.join(toolCache, 'go'));
    }
    catch {
        return [];
    }
    return names
        .filter((v) => semver.valid(v) && toolcache_isComplete(toolcache_toolCacheDir(toolCache, v, goArch)))
        .sort(semver.rcompare);
}
/** The version a GOROOT holds, from its VERSION file (first line, e.g. `go1.22.5`), as semver. */
function gorootVersion(goroot) {
    try {
        const first = fs.readFileSync(path.join(goroot, 'VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
        return goToSemver(first);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/toolchain/install.ts












/** A verified failure of the archive itself: final (never retried), and the message says why. */
class ArchiveError extends (/* unused pure expression or super */ null && (UserError)) {
}
/** An archive name as go.dev writes them: one plain file name, nothing to travel up a URL path. */
const ARCHIVE_NAME = /^go[0-9A-Za-z][0-9A-Za-z._-]*\.(?:tar\.gz|zip)$/;
/** A temporary tree nobody has touched for this long belongs to an install that died. */
const STALE_AFTER_MS = 60 * 60 * 1000;
/**
 * Installs a Go release into the tool cache and returns its GOROOT. The archive is streamed once:
 * every chunk is hashed and fed to `tar` at the same time, so the install ends when the download
 * ends. It is extracted into a temporary directory beside the final one and renamed into place
 * only after the sha256 matched the index and the tree is a Go of that version; any failure
 * removes the temporary directory, and what removing it costs never hides why it failed.
 */
async function installGo(req) {
    const target = toolCacheDir(req.toolCache, req.version, req.goArch);
    const name = req.file.filename;
    if (!ARCHIVE_NAME.test(name) || name.includes('..')) {
        throw new UserError(`The release index names ${quote(name)} as the archive of Go ${req.version}; an archive name is one plain file name such as go1.24.4.linux-amd64.tar.gz`);
    }
    if (!/^[0-9a-f]{64}$/i.test(req.file.sha256 ?? '')) {
        throw new UserError(`The release index has no sha256 for ${name}; refusing to install an unverified Go`);
    }
    const url = `${req.download.url}/${name}`;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    removeStaleTrees(target, req.log);
    req.log.info(`Downloading ${show(url)}`);
    const started = Date.now();
    let bytes = 0;
    await withRetries(`Downloading ${name}`, req.log, async () => {
        const tmp = `${target}.tmp-${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
        try {
            bytes = await streamExtract(url, req.download.authorization, tmp, req.file);
            checkTree(tmp, req.version, { name, inside: 'go/', says: 'the release index says' });
            publish(tmp, target);
        }
        catch (err) {
            discard(tmp, req.log);
            throw err;
        }
    }).catch((err) => {
        removeEmptyParents(target);
        if (err instanceof UserError)
            throw err;
        if (err instanceof HttpStatusError) {
            throw new UserError(`Could not download Go ${req.version}: ${show(url)} answered HTTP ${err.status}`);
        }
        throw new UserError(`Could not download Go ${req.version} from ${show(url)}: ${errorMessage(err)}`);
    });
    const secs = (Date.now() - started) / 1000;
    req.log.info(`Installed Go ${req.version} in ${show(target)} (${formatSize(bytes)}, sha256 verified, ${secs.toFixed(1)} s)`);
    return target;
}
/** This machine, in temporary tree names: a pid only means something on the host that owns it. */
function hostTag() {
    return (external_node_os_default().hostname()
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 32) || 'host');
}
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Removes what dead installs of this version left beside `target`: temporary trees whose
 * process is gone (on this host) or that are older than STALE_AFTER_MS, and trees a publish set
 * aside. A live install's tree is left alone.
 */
function removeStaleTrees(target, log, now = Date.now()) {
    const dir = path.dirname(target);
    const base = path.basename(target);
    let names;
    try {
        names = fs.readdirSync(dir);
    }
    catch {
        return;
    }
    for (const entry of names) {
        if (!entry.startsWith(`${base}.tmp-`) && !entry.startsWith(`${base}.stale-`))
            continue;
        const p = path.join(dir, entry);
        const m = /\.tmp-([A-Za-z0-9]+)-(\d+)-[0-9a-f]+$/.exec(entry);
        let stale = !m; // set-aside trees and unknown shapes
        if (m) {
            let mtimeMs;
            try {
                mtimeMs = fs.lstatSync(p).mtimeMs;
            }
            catch {
                continue;
            }
            const deadHere = m[1] === hostTag() && !pidAlive(Number(m[2]));
            stale = deadHere || now - mtimeMs > STALE_AFTER_MS;
        }
        if (!stale)
            continue;
        try {
            removeTree(p);
            log.info(`Removed ${show(entry)}, left in the tool cache by an install that did not finish`);
        }
        catch (err) {
            log.warning(`Could not remove ${show(p)}: ${errorMessage(err)}`);
        }
    }
}
/** Removes a failed install's tree; a failure to do so is a warning, not the error shown. */
function discard(tmp, log) {
    try {
        removeTree(tmp);
    }
    catch (err) {
        log.warning(`Could not remove the temporary tree ${show(tmp)}: ${errorMessage(err)}; the next install of this version removes it`);
    }
}
/**
 * The extracted tree must be the release that was announced: `VERSION` names it and `bin/go`
 * is a regular file, both inside the tree (a verified archive from a compromised mirror could
 * point them anywhere).
 */
function checkTree(tmp, version, from) {
    const { name, inside } = from;
    const root = realRoot(tmp, `the extracted ${name}`);
    const gate = (rel) => confine(root, rel, { label: `${name}: ${inside}${rel}`, accepted: 'not a Go release archive' });
    let first = '';
    try {
        first = fs.readFileSync(gate('VERSION'), 'utf8').split('\n')[0]?.trim() ?? '';
    }
    catch (err) {
        if (err instanceof UserError)
            throw new ArchiveError(err.message);
    }
    const holds = goToSemver(first);
    if (holds !== version) {
        throw new ArchiveError(`${name} holds Go ${holds ?? '(no VERSION file)'}, not ${version} as ${from.says}; nothing was installed`);
    }
    let goBin;
    try {
        goBin = fs.lstatSync(gate(path.join('bin', 'go')));
    }
    catch (err) {
        if (err instanceof UserError)
            throw new ArchiveError(err.message);
    }
    if (!goBin?.isFile()) {
        throw new ArchiveError(`${name} does not hold ${inside}bin/go; it is not a Go release archive`);
    }
}
/** Moves a verified tree into place. A concurrent installer of the same version may win: fine. */
function publish(tmp, target) {
    if (fs.existsSync(target) && !isComplete(target)) {
        // Left over from a run that died between rename and marker, or another job mid-publish. Either
        // way its content is a verified tree of the same release; ours replaces it atomically.
        const aside = `${target}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
        try {
            fs.renameSync(target, aside);
            removeTree(aside);
        }
        catch {
            /* someone else moved it first, or the next install removes it */
        }
    }
    try {
        fs.renameSync(tmp, target);
    }
    catch (err) {
        const code = err.code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST')
            throw err;
        // Another job published the same verified release a moment ago: use theirs.
        removeTree(tmp);
    }
    fs.writeFileSync(`${target}.complete`, '');
}
/** Downloads `url` into `tar -xz` while hashing it; returns the byte count after verification. */
async function streamExtract(url, authorization, dest, file) {
    const res = await httpGet(url, authorization);
    fs.mkdirSync(dest, { recursive: true });
    const expectedLength = Number(res.headers['content-length'] ?? NaN);
    // GNU tar's defaults do the containment: member names with `..` are skipped, leading `/` is
    // stripped, and symlinks that point up or out are only created once everything else is out.
    const tar = spawn('tar', ['-xzf', '-', '-C', dest, '--strip-components=1', '--no-same-owner'], {
        stdio: ['pipe', 'ignore', 'pipe'],
    });
    let tarErr = '';
    tar.stderr.on('data', (b) => (tarErr += b.toString()));
    // A corrupt archive can make tar quit early; keep hashing the rest so the digests are reported.
    let tarDead = false;
    tar.stdin.on('error', () => (tarDead = true));
    const tarExit = new Promise((resolve) => tar.on('close', (code) => resolve(code ?? 1)));
    const hash = createHash('sha256');
    let received = 0;
    let streamError;
    try {
        for await (const chunk of res) {
            const buf = chunk;
            hash.update(buf);
            received += buf.length;
            if (!tarDead && !tar.stdin.write(buf)) {
                await new Promise((r) => {
                    const done = () => {
                        tar.stdin.off('drain', done);
                        tar.stdin.off('close', done);
                        r();
                    };
                    tar.stdin.once('drain', done);
                    tar.stdin.once('close', done);
                });
            }
        }
    }
    catch (err) {
        streamError = err;
    }
    tar.stdin.end();
    const code = await tarExit;
    const actual = hash.digest('hex');
    const expected = file.sha256.toLowerCase();
    const short = Number.isFinite(expectedLength) && received < expectedLength;
    if (streamError || short) {
        const detail = `received ${received} of ${Number.isFinite(expectedLength) ? expectedLength : '?'} bytes`;
        // A connection cut mid-body is a network error: retried by the caller.
        throw new Error(`the download of ${file.filename} was cut short (${detail}; sha256 expected ${expected}, got ${actual})`);
    }
    if (actual !== expected) {
        throw new ArchiveError(`Checksum mismatch for ${file.filename}: sha256 expected ${expected}, got ${actual}; nothing was installed`);
    }
    if (code !== 0) {
        // tar's messages quote member names, which the archive chose.
        throw new ArchiveError(`Could not extract ${file.filename} (tar exited ${code}): ${quote(tarErr.trim().split('\n')[0] ?? '')}`);
    }
    return received;
}
/** A failed install leaves nothing behind, not even the empty version directory. */
function removeEmptyParents(target) {
    for (const dir of [path.dirname(target), path.dirname(path.dirname(target))]) {
        try {
            fs.rmdirSync(dir);
        }
        catch {
            /* not empty (another arch or a concurrent install), or already gone */
        }
    }
}

;// CONCATENATED MODULE: ./src/cache/extract.ts






/**
 * Where a cache archive's members may go, and how they are written (SECURITY.md, "Caches").
 *
 * @actions/cache names members relative to GITHUB_WORKSPACE (`../../.cache/go-build/ab/…-d`,
 * `tar -P` keeps the `..`), so each name is resolved against the workspace and must land inside
 * the cache dir being restored. Everything is written into a staging dir inside the cache dir,
 * which holds only what this extraction made: files are created new (O_EXCL, O_NOFOLLOW),
 * directories by mkdir, and no link is ever made, so nothing is written through a link. Only
 * once the whole archive has been read, decompressed and checked is the staging dir moved into
 * place (commit); a bad archive is removed with it (discard), leaving the cache dir as it was.
 *
 * Go's caches hold regular files and directories only: a symlink or hard link member means the
 * archive was not made from one, and the whole archive is refused. Device and FIFO members are
 * dropped. Modes lose setuid, setgid, sticky and group/other write; a file stays readable and a
 * directory searchable by its owner. Read-only directories (Go's extracted modules, 0555) get
 * their mode only after the commit, so that the extraction and the move can write into them.
 */
/** A member the archive must not hold: the message names it (quoted) and says why. */
class MemberError extends Error {
}
/** Prefix of the staging dirs inside a cache dir (`.go-paas-build-restore-<host>-<pid>-<hex>`). */
const STAGING = '.go-paas-build-restore-';
const O_NEW = (external_node_fs_default()).constants.O_WRONLY | (external_node_fs_default()).constants.O_CREAT | (external_node_fs_default()).constants.O_EXCL | (external_node_fs_default()).constants.O_NOFOLLOW;
const O_DIR = (external_node_fs_default()).constants.O_RDONLY | (external_node_fs_default()).constants.O_DIRECTORY | (external_node_fs_default()).constants.O_NOFOLLOW;
const DIR_MODE = 0o755;
/** A member's place relative to the cache dir ('' for the dir itself); throws when outside. */
function memberPath(workspace, cacheDir, name) {
    return new MemberPaths(workspace, cacheDir).of(name);
}
/** A name with nothing to resolve: no `.` or `..` component, no empty one, not absolute. */
const PLAIN = /^(?!\/)(?!.*(?:^|\/)\.{1,2}(?:\/|$))(?!.*\/\/)/s;
/**
 * memberPath for many members of one archive: the prefix every member of a well-made archive
 * starts with (the cache dir relative to the workspace) is worked out once, and a plain name
 * after it is its own place; anything else is resolved in full.
 */
class MemberPaths {
    workspace;
    cacheDir;
    prefix;
    constructor(workspace, cacheDir) {
        this.workspace = workspace;
        this.cacheDir = cacheDir;
        this.prefix = `${external_node_path_default().relative(workspace, cacheDir)}/`;
    }
    of(name) {
        if (name.includes('\0'))
            throw new MemberError(`member ${(0,log_text/* quote */.hD)(name)} holds a NUL byte`);
        if (name.startsWith(this.prefix) && !this.prefix.startsWith('/')) {
            const rest = name.slice(this.prefix.length).replace(/\/$/, '');
            if (PLAIN.test(rest))
                return rest;
        }
        return resolveMember(this.workspace, this.cacheDir, name);
    }
}
function resolveMember(workspace, cacheDir, name) {
    const rel = external_node_path_default().relative(external_node_path_default().resolve(cacheDir), external_node_path_default().resolve(workspace, name));
    if (rel === '..' || rel.startsWith(`..${(external_node_path_default()).sep}`) || external_node_path_default().isAbsolute(rel))
        throw new MemberError(`member ${(0,log_text/* quote */.hD)(name)} is outside the cache dir ${(0,log_text/* show */.WU)(cacheDir)}`);
    return rel;
}
/** Permission bits a restored file or directory gets from the archive's. */
function safeMode(mode, type) {
    return (mode & 0o755) | (type === 'dir' ? 0o500 : 0o400);
}
/** Extracts members into a new staging dir of `cacheDir`; commit() or discard() it after. */
class StagedExtraction {
    cacheDir;
    workspace;
    staging;
    stats = { files: 0, dirs: 0, bytes: 0, dropped: 0 };
    made = new Set(['']);
    paths;
    /** Directories whose mode is not the one they were made with, applied after the commit. */
    modes = new Map();
    fd;
    mtime = 0;
    constructor(cacheDir, workspace, 
    /** The dir the archive was made of, when not the cache dir itself (a layer's, layers.ts). */
    archivedFrom = cacheDir) {
        this.cacheDir = cacheDir;
        this.workspace = workspace;
        this.paths = new MemberPaths(workspace, archivedFrom);
        external_node_fs_default().mkdirSync(cacheDir, { recursive: true });
        const name = `${STAGING}${hostTag()}-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
        this.staging = external_node_path_default().join(cacheDir, name);
        external_node_fs_default().mkdirSync(this.staging, { mode: 0o700 });
    }
    begin(m) {
        const rel = this.paths.of(m.name);
        if (m.type === 'symlink' || m.type === 'hardlink')
            throw new MemberError(`member ${(0,log_text/* quote */.hD)(m.name)} is a ${m.type === 'symlink' ? 'symbolic' : 'hard'} link (to ${(0,log_text/* quote */.hD)(m.linkname)}); Go's caches hold none`);
        if (m.type !== 'file' && m.type !== 'dir') {
            this.stats.dropped += 1;
            return;
        }
        // Another restore's staging name: never part of a cache (a restore removes its own).
        if (rel.split((external_node_path_default()).sep)[0].startsWith(STAGING)) {
            this.stats.dropped += 1;
            return;
        }
        if (rel === '') {
            // The cache dir itself: its mode is the machine's.
            if (m.type === 'file')
                throw new MemberError(`member ${(0,log_text/* quote */.hD)(m.name)} is the cache dir itself`);
            return;
        }
        if (m.type === 'dir') {
            this.mkdirs(rel, m.name);
            const mode = safeMode(m.mode, 'dir');
            if (mode !== DIR_MODE)
                this.modes.set(rel, mode);
            else
                this.modes.delete(rel);
            return;
        }
        this.mkdirs(external_node_path_default().dirname(rel), m.name);
        const file = `${this.staging}/${rel}`;
        try {
            this.fd = external_node_fs_default().openSync((0,fs_tree/* fsPath */.Jk)(file), O_NEW, safeMode(m.mode, 'file'));
        }
        catch (err) {
            throw this.conflict(err, m.name);
        }
        this.mtime = m.mtime;
        this.stats.files += 1;
        this.stats.bytes += m.size;
    }
    data(chunk) {
        if (this.fd === undefined)
            return;
        for (let at = 0; at < chunk.length;)
            at += external_node_fs_default().writeSync(this.fd, chunk, at);
    }
    end() {
        if (this.fd === undefined)
            return;
        const fd = this.fd;
        this.fd = undefined;
        try {
            // Go's build-cache trimming reads entries' mtimes (gocache.ts): keep the archive's.
            external_node_fs_default().futimesSync(fd, this.mtime, this.mtime);
        }
        finally {
            external_node_fs_default().closeSync(fd);
        }
    }
    /**
     * Moves what was extracted into the cache dir: new names by one rename each, directories that
     * exist merged into, files and anything else at a name replaced (rename replaces the name, it
     * never writes through a link there). Then the directories get their modes.
     */
    commit() {
        this.closeOpen();
        merge(this.staging, this.cacheDir);
        (0,fs_tree/* removeTree */.dM)(this.staging);
        for (const [rel, mode] of this.modes) {
            let fd;
            try {
                fd = external_node_fs_default().openSync((0,fs_tree/* fsPath */.Jk)(external_node_path_default().join(this.cacheDir, rel)), O_DIR);
                external_node_fs_default().fchmodSync(fd, mode);
            }
            catch {
                // replaced meanwhile by something that is not a directory: nothing to set
            }
            finally {
                if (fd !== undefined)
                    external_node_fs_default().closeSync(fd);
            }
        }
    }
    /** Removes everything this extraction wrote; the cache dir is as it was. */
    discard() {
        this.closeOpen();
        (0,fs_tree/* removeTree */.dM)(this.staging);
    }
    closeOpen() {
        if (this.fd !== undefined)
            external_node_fs_default().closeSync(this.fd);
        this.fd = undefined;
    }
    /** Creates `rel` and its parents inside the staging dir (never through a link: none is made). */
    mkdirs(rel, name) {
        if (rel === '.' || this.made.has(rel))
            return;
        this.mkdirs(external_node_path_default().dirname(rel), name);
        try {
            external_node_fs_default().mkdirSync((0,fs_tree/* fsPath */.Jk)(external_node_path_default().join(this.staging, rel)), DIR_MODE);
        }
        catch (err) {
            const st = external_node_fs_default().lstatSync((0,fs_tree/* fsPath */.Jk)(external_node_path_default().join(this.staging, rel)), { throwIfNoEntry: false });
            if (err.code !== 'EEXIST' || !st?.isDirectory())
                throw this.conflict(err, name);
        }
        this.made.add(rel);
        this.stats.dirs += 1;
    }
    conflict(err, name) {
        const code = err.code;
        if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR')
            return new MemberError(`member ${(0,log_text/* quote */.hD)(name)} names a file twice, or a file and a directory`);
        return err instanceof Error ? err : new Error(String(err));
    }
}
/** Moves every entry of `from` into `to` (see commit). Names are kept byte for byte. */
function merge(from, to) {
    for (const { name, entry } of (0,fs_tree/* readNames */.r6)(from)) {
        const src = external_node_path_default().join(from, name);
        const dest = external_node_path_default().join(to, name);
        const there = external_node_fs_default().lstatSync((0,fs_tree/* fsPath */.Jk)(dest), { throwIfNoEntry: false });
        if (there?.isDirectory() && entry.isDirectory()) {
            merge(src, dest);
            continue;
        }
        // rename cannot put a directory over a file or a file over a directory: clear the name first.
        if (there && (there.isDirectory() || entry.isDirectory()))
            (0,fs_tree/* removeTree */.dM)(dest);
        external_node_fs_default().renameSync((0,fs_tree/* fsPath */.Jk)(src), (0,fs_tree/* fsPath */.Jk)(dest));
    }
}
/**
 * Removes staging dirs that restores which did not finish left in `cacheDir`: those of a process
 * gone on this host, or older than an hour (a live restore's is left alone).
 */
function removeStaleStaging(cacheDir, now = Date.now()) {
    let names;
    try {
        names = external_node_fs_default().readdirSync(cacheDir).filter((n) => n.startsWith(STAGING));
    }
    catch {
        return;
    }
    for (const name of names) {
        const p = external_node_path_default().join(cacheDir, name);
        const m = /^([A-Za-z0-9]+)-(\d+)-[0-9a-f]+$/.exec(name.slice(STAGING.length));
        const st = external_node_fs_default().lstatSync(p, { throwIfNoEntry: false });
        if (!st)
            continue;
        const dead = !m || (m[1] === hostTag() && !pidAlive(Number(m[2])));
        if (dead || now - st.mtimeMs > STALE_AFTER_MS) {
            try {
                (0,fs_tree/* removeTree */.dM)(p);
            }
            catch {
                // the next restore tries again
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/cache/tar-reader.ts

/** The archive is not a well-formed tar. The message says where, in one line. */
class TarFormatError extends Error {
}
const BLOCK = 512;
/** pax and GNU long-name bodies are small; a larger one is not a real archive. */
const MAX_META = 1 << 20;
const TYPES = {
    '0': 'file',
    '\0': 'file',
    '7': 'file',
    '1': 'hardlink',
    '2': 'symlink',
    '3': 'char',
    '4': 'block',
    '5': 'dir',
    '6': 'fifo',
};
const META = new Set(['x', 'g', 'L', 'K']);
class TarReader {
    sink;
    header = Buffer.alloc(BLOCK);
    headerFill = 0;
    /** Body bytes still to come for the current member (file or meta), then its padding. */
    remaining = 0;
    padding = 0;
    meta;
    inFile = false;
    next = {};
    global = {};
    ended = false;
    offset = 0;
    members = 0;
    constructor(sink) {
        this.sink = sink;
    }
    /** Feeds the next bytes of the archive; throws TarFormatError (or what the sink throws). */
    push(chunk) {
        let at = 0;
        while (at < chunk.length) {
            if (this.ended)
                return; // GNU tar pads the archive to a whole record after the end marker
            if (this.remaining > 0) {
                const n = Math.min(this.remaining, chunk.length - at);
                const part = chunk.subarray(at, at + n);
                // A chunk is never reused by its stream: a view of it is enough.
                if (this.meta)
                    this.meta.parts.push(part);
                else if (this.inFile)
                    this.sink.data(part);
                this.remaining -= n;
                at += n;
                this.offset += n;
                if (this.remaining === 0)
                    this.bodyDone();
                continue;
            }
            if (this.padding > 0) {
                const n = Math.min(this.padding, chunk.length - at);
                this.padding -= n;
                at += n;
                this.offset += n;
                continue;
            }
            const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
            chunk.copy(this.header, this.headerFill, at, at + n);
            this.headerFill += n;
            at += n;
            this.offset += n;
            if (this.headerFill === BLOCK) {
                this.headerFill = 0;
                this.onHeader();
            }
        }
    }
    /** The input is over: it must have ended at the end marker. */
    finish() {
        if (this.ended)
            return;
        if (this.remaining > 0 || this.padding > 0 || this.headerFill > 0 || this.meta)
            throw new TarFormatError(`the archive ends in the middle of a member (at byte ${this.offset})`);
        throw new TarFormatError(`the archive has no end marker (it stops at byte ${this.offset})`);
    }
    onHeader() {
        const h = this.header;
        // A header's checksum field is never zero: only look further when it is.
        if (h[148] === 0 && h.every((b) => b === 0)) {
            if (this.meta || Object.keys(this.next).length > 0)
                throw new TarFormatError(`an extended header is not followed by a member`);
            this.ended = true;
            return;
        }
        const start = this.offset - BLOCK;
        checkHeader(h, start);
        const flag = String.fromCharCode(h[156]);
        const size = numeric(h, 124, 12, start);
        if (META.has(flag)) {
            if (size > MAX_META)
                throw new TarFormatError(`a ${flag} header of ${size} bytes at byte ${start}`);
            this.meta = { kind: flag, parts: [], size };
            this.startBody(size);
            return;
        }
        const type = TYPES[flag];
        if (!type)
            throw new TarFormatError(`member type ${JSON.stringify(flag)} at byte ${start} is not supported`);
        const gnu = h.toString('latin1', 257, 265) === 'ustar  \0';
        const base = tar_reader_field(h, 0, 100);
        const prefix = gnu ? '' : tar_reader_field(h, 345, 155);
        const o = Object.keys(this.global).length ? { ...this.global, ...this.next } : this.next;
        this.next = {};
        const bodySize = o.size ?? (type === 'file' ? size : 0);
        const member = {
            name: o.path ?? (prefix ? `${prefix}/${base}` : base),
            type,
            mode: numeric(h, 100, 8, start) & 0o7777,
            // Links, dirs and devices carry no body, whatever their size field says (GNU tar's rule).
            size: type === 'file' ? bodySize : 0,
            mtime: o.mtime ?? numeric(h, 136, 12, start),
            linkname: o.linkpath ?? tar_reader_field(h, 157, 100),
        };
        if (!member.name)
            throw new TarFormatError(`a member without a name at byte ${start}`);
        this.members += 1;
        this.sink.begin(member);
        this.inFile = true;
        this.startBody(member.size);
    }
    startBody(size) {
        this.remaining = size;
        this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
        if (size === 0)
            this.bodyDone();
    }
    bodyDone() {
        if (this.meta) {
            const { kind, parts } = this.meta;
            this.meta = undefined;
            const body = parts.length === 1 ? parts[0] : Buffer.concat(parts);
            if (kind === 'L')
                this.next.path = (0,fs_tree/* decodeName */.e4)(cString(body));
            else if (kind === 'K')
                this.next.linkpath = (0,fs_tree/* decodeName */.e4)(cString(body));
            else
                Object.assign(kind === 'g' ? this.global : this.next, paxRecords(body));
            return;
        }
        this.inFile = false;
        this.sink.end();
    }
}
function checkHeader(h, at) {
    const magic = h.toString('latin1', 257, 263);
    if (magic !== 'ustar\0' && magic !== 'ustar ')
        throw new TarFormatError(`no tar header at byte ${at}`);
    const stored = numeric(h, 148, 8, at);
    // The sum of the header's bytes with the checksum field read as spaces; the signed sum (old
    // tars) only when that one does not match.
    let unsigned = 8 * 0x20;
    for (let i = 0; i < 148; i++)
        unsigned += h[i];
    for (let i = 156; i < BLOCK; i++)
        unsigned += h[i];
    if (stored === unsigned)
        return;
    let signed = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++)
        if (i < 148 || i >= 156)
            signed += (h[i] << 24) >> 24;
    if (stored !== signed)
        throw new TarFormatError(`the header at byte ${at} has a wrong checksum`);
}
/** A NUL-terminated field, its bytes kept (decodeName). */
function tar_reader_field(h, start, len) {
    return (0,fs_tree/* decodeName */.e4)(cString(h.subarray(start, start + len)));
}
function cString(b) {
    const nul = b.indexOf(0);
    return nul < 0 ? b : b.subarray(0, nul);
}
/** An octal field (NUL- or space-terminated), or GNU's base-256 form (high bit set). */
function numeric(h, start, len, at) {
    if (h[start] & 0x80) {
        if (h[start] === 0xff)
            throw new TarFormatError(`a negative number in the header at byte ${at}`);
        let n = h[start] & 0x7f;
        for (let i = start + 1; i < start + len; i++)
            n = n * 256 + h[i];
        if (!Number.isSafeInteger(n))
            throw new TarFormatError(`a number too large at byte ${at}`);
        return n;
    }
    // Octal digits, maybe after spaces, ended by a NUL or a space (or the field's end).
    let i = start;
    const end = start + len;
    while (i < end && h[i] === 0x20)
        i++;
    let n = 0;
    for (; i < end; i++) {
        const b = h[i];
        if (b === 0 || b === 0x20)
            break;
        if (b < 0x30 || b > 0x37)
            throw new TarFormatError(`a malformed number in the header at byte ${at}`);
        n = n * 8 + (b - 0x30);
    }
    for (; i < end; i++)
        if (h[i] !== 0 && h[i] !== 0x20)
            throw new TarFormatError(`a malformed number in the header at byte ${at}`);
    return n;
}
/** pax records, `<length> <key>=<value>\n` each; the ones a member needs. */
function paxRecords(body) {
    const out = {};
    let at = 0;
    while (at < body.length) {
        const space = body.indexOf(0x20, at);
        const len = space > at ? Number(body.toString('latin1', at, space)) : NaN;
        if (!Number.isSafeInteger(len) ||
            len <= space - at ||
            at + len > body.length ||
            body[at + len - 1] !== 0x0a)
            throw new TarFormatError('a malformed pax record');
        const record = body.subarray(space + 1, at + len - 1);
        at += len;
        const eq = record.indexOf(0x3d);
        if (eq < 0)
            throw new TarFormatError('a malformed pax record');
        const key = record.toString('latin1', 0, eq);
        const value = record.subarray(eq + 1);
        if (key === 'path')
            out.path = (0,fs_tree/* decodeName */.e4)(value);
        else if (key === 'linkpath')
            out.linkpath = (0,fs_tree/* decodeName */.e4)(value);
        else if (key === 'size' || key === 'mtime') {
            const n = Number(value.toString('latin1'));
            const ok = key === 'size' ? Number.isSafeInteger(n) && n >= 0 : Number.isFinite(n);
            if (!ok)
                throw new TarFormatError(`a malformed pax ${key}`);
            out[key] = n;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/cache/restore-archive.ts






/**
 * One cache archive, from the service's download URL into its cache dir in one pass: the body
 * streams into `zstd -d` (or gunzip), whose output streams through the tar reader into a staged
 * extraction (extract.ts). No temporary archive file, no tar process. It is committed only when
 * the download was complete, the decompressor succeeded (zstd checks its frame checksums at the
 * end) and the tar ended at its end marker; otherwise what was written is removed.
 */
/** The download failed (the service or the network): a fault, as with the lookup. */
class DownloadError extends Error {
}
/** The archive itself is bad or not ours: discarded, the build goes on without it. */
class BadArchive extends Error {
}
function decompressor(compression) {
    if (compression === 'gzip') {
        const gunzip = (0,external_node_zlib_.createGunzip)();
        const done = new Promise((resolve) => {
            gunzip.on('error', (err) => resolve(err.message));
            gunzip.on('end', () => resolve(undefined));
        });
        return { name: 'gunzip', input: gunzip, output: gunzip, done, stop: () => gunzip.destroy() };
    }
    // --long=30: archives of @actions/cache's `zstd` method use a long window (tar.js).
    const zstd = (0,external_node_child_process_namespaceObject.spawn)('zstd', ['-d', '--long=30', '-q', '-c'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    zstd.stderr.on('data', (b) => (stderr += b.toString()));
    const done = new Promise((resolve) => {
        zstd.on('error', (err) => resolve(err.message));
        zstd.on('close', (code, signal) => {
            if (code === 0)
                return resolve(undefined);
            const why = stderr
                .trim()
                .split('\n')[0]
                .replace(/^zstd: /, '')
                .replace(/^\/\*stdin\*\\ ?: ?/, '');
            resolve(why || `exit ${code ?? signal}`);
        });
    });
    return { name: 'zstd', input: zstd.stdin, output: zstd.stdout, done, stop: () => zstd.kill() };
}
/** Downloads `url` into `cacheDir`. Throws DownloadError or BadArchive; leaves nothing on failure. */
async function restoreArchive(opts) {
    removeStaleStaging(opts.cacheDir);
    const staged = new StagedExtraction(opts.cacheDir, opts.workspace, opts.archivedFrom);
    try {
        let res;
        try {
            res = await send(opts.url, { method: 'GET', signal: opts.signal });
        }
        catch (err) {
            throw new DownloadError(`the download failed: ${err.message}`);
        }
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
            res.resume();
            throw new DownloadError(`the download answered HTTP ${status}`);
        }
        const archiveBytes = await pump(res, decompressor(opts.compression), new TarReader(staged), opts.signal);
        staged.commit();
        return { archiveBytes, stats: staged.stats };
    }
    catch (err) {
        staged.discard();
        throw err;
    }
}
async function pump(res, dec, reader, signal) {
    const expected = Number(res.headers['content-length'] ?? NaN);
    let readError;
    const stop = (err) => {
        readError ??= err;
        dec.stop();
        res.destroy();
    };
    const onAbort = () => stop(new DownloadError('the deadline passed'));
    signal?.addEventListener('abort', onAbort, { once: true });
    // The whole body is read even when the decompressor gave up, so that a cut-off download (a
    // fault of the service) is told apart from a bad archive.
    let received = 0;
    let cut;
    let decDead = false;
    dec.input.on('error', () => (decDead = true));
    dec.input.on('close', () => (decDead = true));
    const feeding = (async () => {
        try {
            for await (const chunk of res) {
                received += chunk.length;
                if (!decDead && !dec.input.write(chunk))
                    await drained(dec.input);
            }
        }
        catch (err) {
            cut = err.message;
        }
        finally {
            dec.input.end();
        }
    })();
    const reading = new Promise((resolve) => {
        dec.output.on('data', (chunk) => {
            if (readError !== undefined)
                return;
            try {
                reader.push(chunk);
            }
            catch (err) {
                stop(err);
            }
        });
        dec.output.on('close', resolve);
        dec.output.on('end', resolve);
        dec.output.on('error', () => resolve());
    });
    await Promise.all([feeding, reading]);
    const complaint = await dec.done;
    signal?.removeEventListener('abort', onAbort);
    if (readError instanceof MemberError || readError instanceof TarFormatError)
        throw new BadArchive(readError.message);
    if (readError instanceof DownloadError)
        throw readError;
    if (readError !== undefined)
        throw new BadArchive(`it could not be written: ${readError.message}`);
    if (cut !== undefined || (Number.isFinite(expected) && received < expected))
        throw new DownloadError(`the download was cut off after ${received} of ${Number.isFinite(expected) ? expected : '?'} bytes`);
    if (complaint !== undefined)
        throw new BadArchive(`${dec.name} could not decompress it (${(0,log_text/* quote */.hD)(complaint)})`);
    try {
        reader.finish();
    }
    catch (err) {
        throw new BadArchive(err.message);
    }
    return received;
}
function drained(stream) {
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            stream.off('error', done);
            resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
        stream.on('error', done);
    });
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
var external_node_fs_promises_default = /*#__PURE__*/__nccwpck_require__.n(promises_);
;// CONCATENATED MODULE: ./src/cache/save-archive.ts








/**
 * One cache archive saved through the v2 cache service, as @actions/cache saves it, without
 * loading it (its bundle, with the Azure storage client, takes longer to load than a small
 * archive takes to save): packed by `tar` into a temporary file exactly as the library packs it
 * (the same members, relative to the workspace, the same compressor), so either can restore what
 * the other saved; the entry reserved while it packs (CreateCacheEntry), the archive PUT to the
 * signed URL as Azure's block-blob API takes it (one request up to 128 MiB, else 64 MiB blocks
 * and a block list, as @azure/storage-blob sends them), then the entry finalized with its size.
 */
/** Above this size the archive goes up in blocks (storage-blob's `maxSingleShotSize`). */
const SINGLE_SHOT_MAX = 128 * 1024 * 1024;
/** The block size @actions/cache asks of storage-blob for the v2 service. */
const BLOCK_SIZE = 64 * 1024 * 1024;
/** Blocks in flight at once. */
const BLOCK_CONCURRENCY = 4;
/** Saves one archive; throws a ServiceError for the service's faults, an Error for the pack's. */
async function saveArchive(o) {
    const version = cacheVersion(o.paths, o.compression);
    const dir = await external_node_fs_promises_default().mkdtemp(external_node_path_default().join(o.tempDir, 'go-paas-build-save-'));
    const archive = external_node_path_default().join(dir, o.compression === 'gzip' ? 'cache.tgz' : 'cache.tzst');
    // A reservation that fails stops the pack: nothing is left running behind the answer.
    const stop = new AbortController();
    const packing = pack(o, dir, archive, AbortSignal.any([o.signal, stop.signal]));
    packing.catch(() => undefined);
    try {
        let created;
        try {
            created = await retrying(o.signal, () => twirp(o.cfg, 'CreateCacheEntry', { key: o.key, version }, o.signal));
        }
        catch (err) {
            // github.com answers a taken key with a Twirp 409 (already_exists).
            if (err instanceof ServiceError && err.status === 409)
                return { taken: err.serviceMessage || 'already_exists' };
            throw err;
        }
        const url = field(created.body, 'signed_upload_url', 'signedUploadUrl');
        if (created.body.ok !== true || !url)
            // Other services say `ok: false` with a reason (@actions/cache: "reservation failed").
            return { taken: field(created.body, 'message') || 'the service refused the reservation' };
        const size = await packing;
        if (size <= (o.singleShotMax ?? SINGLE_SHOT_MAX)) {
            await retrying(o.signal, () => put(url, '', { 'x-ms-blob-type': 'BlockBlob' }, () => (0,external_node_fs_.createReadStream)(archive), size, o.signal));
        }
        else {
            await putBlocks(url, archive, size, o.blockSize ?? BLOCK_SIZE, o.signal);
        }
        const done = await retrying(o.signal, () => twirp(o.cfg, 'FinalizeCacheEntryUpload', { key: o.key, size_bytes: String(size), version }, o.signal));
        if (done.body.ok !== true) {
            const why = field(done.body, 'message');
            throw new ServiceError(`the cache service did not finalize the entry${why ? `: ${(0,log_text/* quote */.hD)(why)}` : ''}`, false);
        }
        return { archiveBytes: size };
    }
    finally {
        stop.abort();
        await packing.catch(() => undefined);
        await external_node_fs_promises_default().rm(dir, { recursive: true, force: true });
    }
}
/**
 * Packs the dirs as @actions/cache does (tar.js createTar): `tar --posix`, members named by
 * their paths relative to the workspace (`-P`, so `../` is kept), compressed by `zstdmt`, or by
 * gzip where no zstd answers. Resolves with the archive's size.
 */
async function pack(o, dir, archive, signal) {
    const manifest = external_node_path_default().join(dir, 'manifest.txt');
    const names = o.paths.map((p) => external_node_path_default().relative(o.workspace, external_node_path_default().resolve(o.workspace, p)).split((external_node_path_default()).sep).join('/'));
    await external_node_fs_promises_default().writeFile(manifest, names.join('\n'), { mode: 0o600 });
    const compress = o.compression === 'gzip'
        ? ['-z']
        : ['--use-compress-program', o.compression === 'zstd' ? 'zstdmt --long=30' : 'zstdmt'];
    const args = [
        '--posix',
        '-cf',
        archive,
        '--exclude',
        archive,
        '-P',
        '-C',
        o.workspace,
        '--files-from',
        manifest,
        ...compress,
    ];
    await new Promise((resolve, reject) => {
        const tar = (0,external_node_child_process_namespaceObject.spawn)('tar', args, { stdio: ['ignore', 'ignore', 'pipe'], signal });
        let stderr = '';
        tar.stderr.on('data', (b) => (stderr += b.toString()));
        tar.on('error', reject);
        tar.on('close', (code, sig) => {
            if (code === 0)
                return resolve();
            const why = stderr.trim().split('\n')[0] ?? '';
            reject(new Error(`tar could not pack the cache (${(0,log_text/* quote */.hD)(why || `exit ${code ?? sig}`)})`));
        });
    });
    return (await external_node_fs_promises_default().stat(archive)).size;
}
/** PUTs one body to the signed URL (plus `query`); a non-2xx answer throws a ServiceError. */
async function put(url, query, headers, body, size, signal) {
    let res;
    try {
        // As a presigned URL requires: no Authorization, a Content-Length, no chunked body.
        res = await send(query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url, {
            method: 'PUT',
            headers: { ...headers, 'Content-Length': String(size) },
            body: body(),
            signal,
        });
    }
    catch (err) {
        throw new ServiceError(`the upload failed: ${err.message}`, true);
    }
    const status = res.statusCode ?? 0;
    const text = (await readBytes(res, 64 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
    if (status >= 200 && status < 300)
        return;
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
    throw new ServiceError(`the upload answered HTTP ${status}${code ? ` (${(0,log_text/* quote */.hD)(code)})` : ''}`, status >= 500 || status === 408 || status === 429, status);
}
/** The archive in blocks (a few at once), then the block list that makes them the blob. */
async function putBlocks(url, archive, size, blockSize, signal) {
    const count = Math.ceil(size / blockSize);
    // Block ids: base64 of one length for every block, as the service requires.
    const ids = Array.from({ length: count }, (_, i) => Buffer.from(`go-paas-build-${String(i).padStart(6, '0')}`).toString('base64'));
    let next = 0;
    const worker = async () => {
        while (next < count) {
            const i = next++;
            const start = i * blockSize;
            const end = Math.min(size, start + blockSize);
            await retrying(signal, () => put(url, `comp=block&blockid=${encodeURIComponent(ids[i])}`, {}, () => (0,external_node_fs_.createReadStream)(archive, { start, end: end - 1 }), end - start, signal));
        }
    };
    await Promise.all(Array.from({ length: Math.min(BLOCK_CONCURRENCY, count) }, worker));
    const list = '<?xml version="1.0" encoding="utf-8"?><BlockList>' +
        ids.map((id) => `<Latest>${id}</Latest>`).join('') +
        '</BlockList>';
    await retrying(signal, () => put(url, 'comp=blocklist', { 'Content-Type': 'application/xml' }, () => list, Buffer.byteLength(list), signal));
}

;// CONCATENATED MODULE: ./src/cache/service.ts









const calls = new external_node_async_hooks_.AsyncLocalStorage();
const FAULT = /^::(?:warning|error)::(Failed to (?:restore|save): .*)$/;
/** A taken key: github.com answers 409 (an info line), other services `ok: false` (a warning). */
const TAKEN = /^(?:::warning::Cache reservation failed: (.*)|Failed to save: (Unable to reserve cache with key .*))$/;
let filterInstalled = false;
/** One outage, one warning: later faults in this step are recorded but not printed again. */
let warned = false;
function installOutputFilter() {
    if (filterInstalled)
        return;
    filterInstalled = true;
    installOutputHold();
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk, ...rest) => {
        const ctx = calls.getStore();
        if (!ctx || typeof chunk !== 'string')
            return write(chunk, ...rest);
        if (ctx.abandoned)
            return true;
        const line = chunk.replace(/\r?\n$/, '');
        const taken = TAKEN.exec(line);
        if (taken) {
            ctx.taken = true;
            const why = taken[1] ?? taken[2];
            return write(`::notice::Cache not saved: the key is already taken (${why})\n`, ...rest);
        }
        const fault = FAULT.exec(line);
        if (fault) {
            ctx.faults.push(fault[1]);
            if (warned)
                return true;
            warned = true;
            return write(`::warning::${fault[1]}\n`, ...rest);
        }
        return write(chunk, ...rest);
    });
}
let loaded;
const load = () => (loaded ??= Promise.all(/* import() */[__nccwpck_require__.e(942), __nccwpck_require__.e(611)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9611)));
/** Runs one library call under a deadline, collecting what it logged. */
async function call(log, deadlineMs, what, fn) {
    installOutputFilter();
    const ctx = { faults: [], taken: false, abandoned: false };
    const started = performance.now();
    let timer;
    const deadline = new Promise((resolve) => {
        timer = setTimeout(() => resolve('timeout'), deadlineMs);
    });
    try {
        const result = await Promise.race([calls.run(ctx, async () => fn(await load())), deadline]);
        const ms = performance.now() - started;
        if (result === 'timeout') {
            ctx.abandoned = true;
            return { value: undefined, fault: fault(log, overdue(what, deadlineMs)), ms };
        }
        return { value: result, fault: ctx.faults[0], ms, taken: ctx.taken };
    }
    catch (err) {
        // Only validation errors are thrown (a key too long, no path): a bug here, not a fault there.
        const ms = performance.now() - started;
        return {
            value: undefined,
            fault: fault(log, `cache ${what} failed: ${(0,errors/* errorMessage */.g)(err)}`),
            ms,
        };
    }
    finally {
        clearTimeout(timer);
    }
}
/** One outage, one warning: a fault after the first is recorded for the caller, not printed. */
function fault(log, message) {
    if (!warned)
        log.warning(message);
    warned = true;
    return message;
}
const overdue = (what, deadlineMs, last) => `the cache service did not finish the ${what} within ${(deadlineMs / 1000).toFixed(0)} s${last ? ` (${last})` : ''}: going on without it`;
function actionsCacheStore(env, log) {
    const cfg = serviceConfig(env);
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    if (cfg.ok)
        void compressionMethod(); // a process to start: under way while the caller works
    return {
        async available() {
            return cfg.ok ? { ok: true } : { ok: false, reason: cfg.reason };
        },
        async lookup(paths, key, restoreKeys, deadlineMs) {
            const started = performance.now();
            const done = (value, f) => ({
                value,
                fault: f,
                ms: performance.now() - started,
            });
            if (!cfg.ok)
                return done(undefined, fault(log, `Failed to restore: ${cfg.reason}`));
            if (!cfg.readable)
                return done(undefined);
            const deadline = AbortSignal.timeout(deadlineMs);
            const version = cacheVersion(paths, await compressionMethod());
            let last;
            try {
                const found = await retrying(deadline, () => findEntry(cfg, key, restoreKeys, version, deadline), (err) => (last = err));
                return done(found && { key: found.key, location: found.url });
            }
            catch (err) {
                if (deadline.aborted)
                    return done(undefined, fault(log, overdue('lookup', deadlineMs, last && `last: ${last.message}`)));
                return done(undefined, fault(log, `Failed to restore: ${(0,errors/* errorMessage */.g)(err)}`));
            }
        },
        async restore(dir, entry, deadlineMs, archivedFrom) {
            const started = performance.now();
            const deadline = AbortSignal.timeout(deadlineMs);
            const ms = () => performance.now() - started;
            try {
                const r = await restoreArchive({
                    url: entry.location,
                    compression: await compressionMethod(),
                    cacheDir: dir,
                    workspace,
                    archivedFrom,
                    signal: deadline,
                });
                return { value: { archiveBytes: r.archiveBytes }, ms: ms() };
            }
            catch (err) {
                if (deadline.aborted)
                    return { value: {}, fault: fault(log, overdue('restore', deadlineMs)), ms: ms() };
                if (err instanceof BadArchive)
                    return { value: { rejected: err.message }, ms: ms() };
                if (err instanceof DownloadError)
                    return { value: {}, fault: fault(log, `Failed to restore: ${err.message}`), ms: ms() };
                // Not the service's fault nor the archive's (the cache dir cannot be written, …).
                return { value: { rejected: (0,errors/* errorMessage */.g)(err) }, ms: ms() };
            }
        },
        async save(paths, key, deadlineMs) {
            if (cfg.ok && cfg.protocol === 'v2') {
                const started = performance.now();
                const ms = () => performance.now() - started;
                const signal = AbortSignal.timeout(deadlineMs);
                try {
                    const r = await saveArchive({
                        cfg,
                        paths,
                        key,
                        workspace,
                        tempDir: env.RUNNER_TEMP || external_node_os_default().tmpdir(),
                        compression: await compressionMethod(),
                        signal,
                    });
                    if ('taken' in r) {
                        log.notice(`Cache not saved: the key is already taken (${(0,log_text/* quote */.hD)(r.taken)})`);
                        return { value: { saved: false, taken: true }, ms: ms() };
                    }
                    return { value: { saved: true, taken: false }, ms: ms() };
                }
                catch (err) {
                    const why = signal.aborted
                        ? overdue('save', deadlineMs)
                        : `Failed to save: ${(0,errors/* errorMessage */.g)(err)}`;
                    return { value: { saved: false, taken: false }, fault: fault(log, why), ms: ms() };
                }
            }
            // The library packs before it reserves: an exact-key lookup first spares packing an
            // archive the service would refuse. (The action's own save reserves while it packs.)
            const look = await this.lookup(paths, key, [], state/* LOOKUP_DEADLINE_MS */.vz);
            if (look.fault)
                return { value: { saved: false, taken: false }, fault: look.fault, ms: look.ms };
            if (look.value?.key === key) {
                log.notice(`Cache not saved: ${key} is already saved (a re-run or a parallel job)`);
                return { value: { saved: false, taken: true }, ms: look.ms };
            }
            const r = await call(log, deadlineMs, 'save', (lib) => lib.saveCache(paths, key));
            return {
                value: { saved: r.value !== undefined && r.value !== -1, taken: r.taken === true },
                fault: r.fault,
                ms: r.ms,
            };
        },
    };
}


/***/ }),

/***/ 4807:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Mr: () => (/* binding */ BUILD_OK_STATE),
/* harmony export */   sf: () => (/* binding */ STATE_NAME),
/* harmony export */   vz: () => (/* binding */ LOOKUP_DEADLINE_MS)
/* harmony export */ });
/**
 * What the main step hands to the post step (as JSON in GITHUB_STATE), in a module of its own so
 * that the post step's bundle holds the cache code only.
 */
/** How long a key lookup may take before the job goes on without caches (SPEC §4). */
const LOOKUP_DEADLINE_MS = 3_000;
const STATE_NAME = 'cache';
const BUILD_OK_STATE = 'build-ok';


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ errorMessage),
/* harmony export */   y: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * A problem with the user's configuration or app: the message is one line that says what is wrong
 * and how to fix it. Anything that is not a UserError is a bug and shows its stack in debug logs.
 */
class UserError extends Error {
    name = 'UserError';
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 9705:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ir: () => (/* binding */ walkTree),
/* harmony export */   Jk: () => (/* binding */ fsPath),
/* harmony export */   Xq: () => (/* binding */ formatSize),
/* harmony export */   dM: () => (/* binding */ removeTree),
/* harmony export */   e4: () => (/* binding */ decodeName),
/* harmony export */   r6: () => (/* binding */ readNames)
/* harmony export */ });
/* unused harmony exports isUtf8Name, encodeName, isDirectory */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);




/**
 * Visits every entry under `dir`, siblings concurrently; a directory is visited before its
 * contents, and entered only when `descend` (default: always) says so. Missing or unreadable
 * directories are skipped.
 */
async function walkTree(dir, visit, descend = () => true) {
    let entries;
    try {
        entries = await node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default().readdir(dir, { withFileTypes: true });
    }
    catch {
        return;
    }
    await Promise.all(entries.map(async (e) => {
        const p = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, e.name);
        await visit(p, e);
        if (e.isDirectory() && descend(e))
            await walkTree(p, visit, descend);
    }));
}
/** `512 B`, `1.5 KiB`, `12.3 MiB`: the one way sizes are written in logs and the summary. */
function formatSize(bytes) {
    if (bytes >= 1024 * 1024)
        return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
    if (bytes >= 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${bytes} B`;
}
/**
 * File names are bytes on Linux and need not be UTF-8: a name holding the byte 0xff is valid, and
 * git commits it. Read the usual way, Node replaces such a byte with U+FFFD, and the string then
 * names another file or none. So the slug's copy and its archive read names with {@link readNames}:
 * each byte that is not part of well-formed UTF-8 becomes the lone surrogate U+DC80…U+DCFF
 * (byte 0x80…0xff, as Python's `surrogateescape`, PEP 383), every other character is itself.
 * The mapping is one to one (well-formed UTF-8 never decodes to a lone surrogate), so the string
 * names exactly one file, `path` and the `.slugignore` matcher work on it as on any name, and
 * {@link fsPath} gives the bytes back for fs calls. `quote`/`show` print such a byte as `\xNN`.
 */
function decodeName(bytes) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if ((0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(buf))
        return buf.toString('utf8');
    let out = '';
    let run = 0;
    for (let i = 0; i < buf.length;) {
        const n = utf8SequenceLength(buf, i);
        if (n > 0) {
            i += n;
            continue;
        }
        out += `${buf.toString('utf8', run, i)}${String.fromCharCode(0xdc00 + buf[i])}`;
        i += 1;
        run = i;
    }
    return out + buf.toString('utf8', run);
}
/** A byte that decodeName escaped: a low surrogate in U+DC80…U+DCFF not after a high one. */
const ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
const ESCAPED_BYTES = new RegExp(`(${ESCAPED_BYTE.source})`);
/** Whether the name is UTF-8 on disk (it holds no byte that decodeName escaped). */
function isUtf8Name(name) {
    return !ESCAPED_BYTE.test(name);
}
/** The bytes of a name from decodeName (for any other string: its UTF-8). */
function encodeName(name) {
    if (isUtf8Name(name))
        return Buffer.from(name, 'utf8');
    // split with a capturing group: the escaped bytes at the odd places.
    return Buffer.concat(name
        .split(ESCAPED_BYTES)
        .map((part, i) => i % 2 === 1 ? Buffer.of(part.charCodeAt(0) - 0xdc00) : Buffer.from(part, 'utf8')));
}
/** The path for an fs call: the string itself when it is UTF-8 on disk, else its bytes. */
function fsPath(p) {
    return isUtf8Name(p) ? p : encodeName(p);
}
/** Length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 when there is none. */
function utf8SequenceLength(b, i) {
    const c = b[i];
    const cont = (at, lo = 0x80, hi = 0xbf) => {
        const x = b[i + at];
        return x !== undefined && x >= lo && x <= hi;
    };
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        // E0 A0…: no overlong form; ED …9F: no UTF-16 surrogate.
        const ok = cont(1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(2);
        return ok ? 3 : 0;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        // F0 90…: no overlong form; F4 …8F: nothing past U+10FFFF.
        const ok = cont(1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) && cont(2) && cont(3);
        return ok ? 4 : 0;
    }
    return 0;
}
/** A directory's entries, names byte-exact (decodeName), in byte order of the names. */
function readNames(dir) {
    return node_fs__WEBPACK_IMPORTED_MODULE_1___default().readdirSync(fsPath(dir), { encoding: 'buffer', withFileTypes: true })
        .sort((a, b) => Buffer.compare(a.name, b.name))
        .map((entry) => ({ name: decodeName(entry.name), entry }));
}
/** A directory, following links; false when nothing (reachable) is there. */
function isDirectory(p) {
    try {
        return fsSync.statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
/**
 * rm -rf that also works as a non-root user on a tree holding read-only directories (an
 * extracted archive, Go's module cache): on EACCES/EPERM every directory is made writable and
 * searchable by its owner, without following symlinks, and the removal is tried again.
 */
function removeTree(dir) {
    try {
        node_fs__WEBPACK_IMPORTED_MODULE_1___default().rmSync(dir, { recursive: true, force: true });
        return;
    }
    catch (err) {
        const code = err.code;
        if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY')
            throw err;
    }
    openDirs(dir);
    node_fs__WEBPACK_IMPORTED_MODULE_1___default().rmSync(dir, { recursive: true, force: true });
}
/** Byte-exact names (readNames): a directory whose name is not UTF-8 is opened too. */
function openDirs(dir) {
    let st;
    try {
        st = node_fs__WEBPACK_IMPORTED_MODULE_1___default().lstatSync(fsPath(dir));
    }
    catch {
        return;
    }
    if (!st.isDirectory())
        return;
    if ((st.mode & 0o700) !== 0o700)
        node_fs__WEBPACK_IMPORTED_MODULE_1___default().chmodSync(fsPath(dir), st.mode | 0o700);
    for (const { name, entry } of readNames(dir)) {
        if (entry.isDirectory())
            openDirs(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(dir, name));
    }
}


/***/ }),

/***/ 6661:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _adapters_runner_commands_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5875);
/* harmony import */ var _cache_save_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1155);
/* harmony import */ var _cache_service_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6135);
/* harmony import */ var _cache_state_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(4807);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3916);
/* harmony import */ var _adapters_actions_log_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(732);






/**
 * The post step (after the job's other steps): saves the module and build caches the main step
 * restored or started. Never fails the job: caches are an optimisation.
 */
async function post() {
    const text = _adapters_runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.getState(_cache_state_js__WEBPACK_IMPORTED_MODULE_4__/* .STATE_NAME */ .sf);
    if (!text) {
        _adapters_runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.info('No caches to save (the main step did not get to restore them)');
        return;
    }
    // Only the cache service: the post step has nothing to upload, and its bundle no artifact client.
    const store = (0,_cache_service_js__WEBPACK_IMPORTED_MODULE_2__/* .actionsCacheStore */ .$)(process.env, _adapters_actions_log_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsLogger */ .M);
    try {
        await (0,_cache_save_js__WEBPACK_IMPORTED_MODULE_1__/* .saveCaches */ .F)(store, _adapters_actions_log_js__WEBPACK_IMPORTED_MODULE_3__/* .actionsLogger */ .M, JSON.parse(text), _adapters_runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.getState(_cache_state_js__WEBPACK_IMPORTED_MODULE_4__/* .BUILD_OK_STATE */ .Mr) === 'true');
    }
    catch (err) {
        _adapters_runner_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runner */ .l.warning(`Caches were not saved: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(err)}`);
    }
}
await post();
// A cache call abandoned at its deadline may still hold timers: the step is over.
process.exit(0);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6290:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $0: () => (/* binding */ neutralise),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   hD: () => (/* binding */ quote)
/* harmony export */ });
/* unused harmony exports neutraliseLine, LineGuard, redactUrl */
/**
 * The one rule for text that reaches the log (SPEC §9). The runner reads a line as a workflow
 * command when it starts with `::` (after leading whitespace), or when it holds `##[` anywhere
 * (the legacy form, still parsed), and a line ends at `\n` or `\r`. So a value echoed as it is
 * could forge `::error::`, `::add-mask::` or `##[stop-commands]`. Every value goes through
 * `quote` or `show`, every message through `neutralise` (the loggers do it), and the output of
 * the go command through a `LineGuard`.
 *
 * The escapes are JSON's: `::` becomes `:\u003a` and `##[` becomes `#\u0023[`, so a quoted value
 * is still a JSON string that decodes to exactly the value; only a byte of a file name that is
 * not UTF-8, which no JSON string holds, is written `\xff` (as Go's %q writes it).
 */

/** Longer values are clipped in messages: one line stays readable. */
const MAX_SHOWN = 200;
const LINE_BREAK = /\r\n|\r|\n/;
function escapeMarkers(text) {
    return text.replace(/::/g, ':\\u003a').replace(/##\[/g, '#\\u0023[');
}
/**
 * A byte of a file name that is not UTF-8, as JSON.stringify escapes it: fs-tree's decodeName
 * holds byte 0xNN as the lone surrogate U+DCNN (an escape after an even run of backslashes).
 */
const NAME_BYTE = /(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])/g;
/**
 * A value as a one-line JSON string, workflow-command markers escaped, clipped when long. A byte
 * of a file name that is not UTF-8 is shown as `\xff`, as Go's %q shows it.
 */
function quote(value) {
    const chars = [...value];
    const clipped = chars.length > MAX_SHOWN;
    const text = clipped ? chars.slice(0, MAX_SHOWN).join('') : value;
    // JSON.stringify leaves U+2028/U+2029 and NEL as they are; some viewers break lines there.
    const json = JSON.stringify(text)
        .replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(NAME_BYTE, '$1\\x$2');
    const shown = escapeMarkers(json);
    return clipped ? `${shown.slice(0, -1)}…" (${chars.length} characters)` : shown;
}
/** Paths and names as they are when they are plain; anything else quoted. */
function show(value) {
    return /^[\w@%+=:,./~-]+$/.test(value) && !value.includes('::') ? value : quote(value);
}
/** One line made inert: a leading `::` and every `##[` escaped, nothing else changed. */
function neutraliseLine(line) {
    return line.replace(/^(\s*)::/, '$1:\\u003a').replace(/##\[/g, '#\\u0023[');
}
/** A whole message: each of its lines made inert (`\r` line breaks become `\n`). */
function neutralise(text) {
    return text.split(LINE_BREAK).map(neutraliseLine).join('\n');
}
/**
 * Passes a child's output on line by line, each line made inert: for commands that echo
 * repository content (the go command prints package paths, file names and source text).
 */
class LineGuard {
    write;
    pending = '';
    decoder = new TextDecoder('utf-8');
    constructor(write) {
        this.write = write;
    }
    push(chunk) {
        this.pending += this.decoder.decode(chunk, { stream: true });
        // A trailing \r may be the first half of \r\n: keep it until the next chunk.
        const end = Math.max(this.pending.lastIndexOf('\n'), this.pending.lastIndexOf('\r', this.pending.length - 2));
        if (end < 0)
            return;
        const complete = this.pending.slice(0, end + 1);
        this.pending = this.pending.slice(end + 1);
        this.write(`${neutralise(complete.replace(/(\r\n|\r|\n)$/, ''))}\n`);
    }
    end() {
        this.pending += this.decoder.decode();
        if (this.pending !== '')
            this.write(`${neutralise(this.pending)}\n`);
        this.pending = '';
    }
}
/**
 * A URL, a list of them or a schemeless `user:pw@host`, with its user information (credentials)
 * replaced by `***` (the rule is in credentials.ts).
 */
function redactUrl(url) {
    return redactCredentials(url);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 5574:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6661);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
