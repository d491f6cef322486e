// Haven resource-link landing page: decodes the URL fragment in the browser, verifies the
// Ed25519 signature chain with WebCrypto against the pinned roots embedded in index.html,
// and shows the resources with call / text links. Its one request is `revocations.json`
// from this page's own folder (no credentials, no referrer; the fragment never leaves the
// tab): a root-signed list of withdrawn keys (src/core/trust/revocation.rs). It keeps
// nothing. The format is the one of src/core/link.rs (see ARCHITECTURE.md, "Resource
// links"); the same vectors (tests/data/link/vectors.json) are run against both.
// Words come from strings.js (English and Spanish, switchable); trust marks follow the
// Rust decoder: an unsigned link's resources and contacts are all "not verified"; a signed
// format-2 link keeps each one's own confidence and checked date.
'use strict';

(function () {
  var LINK_FORMAT = 2;
  var LINK_FORMAT_V1 = 1;
  // Confidence codes (src/core/resource: official, dated, third_party, unverified).
  var CONF_DATED = 1;
  var CONF_UNVERIFIED = 3;
  var MODE_UNSIGNED = 0;
  var MODE_SIGNED = 1;
  var MAX_LINK_CHARS = 4096;
  var MAX_RESOURCES = 20;
  var ENVELOPE_FORMAT = 1;
  var DELEGATION_FORMAT = 1;
  var SCOPE_LINKS = 2;
  // Each link format signs under its own prefix (the version byte is outside the signature).
  function linkPrefix(version) { return 'haven/link/' + version + '\n'; }
  var DELEGATION_PREFIX = 'haven/delegation/1\n';
  var MAX_ORGANISATION_LEN = 120;
  // Range of Unix seconds the Rust side (`time` crate) can represent.
  var MIN_UNIX = -377705116800;
  var MAX_UNIX = 253402300799;
  var LIMITS = {
    id: 64, name: 120, note: 280, contacts: 8, value: 200, keyword: 32, label: 80,
    languages: 8, code: 16, langName: 40
  };
  var KINDS = ['Hotline', 'Shelter', 'Service', 'Organization'];
  var CONTACT_KINDS = ['call', 'text', 'chat', 'tty', 'videophone', 'web', 'email'];
  // Control characters and bidirectional marks / overrides / isolates are refused.
  var FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

  // Problems, named as in LinkProblem (src/core/link.rs).
  var NOT_A_LINK = 'not-a-link';
  var DAMAGED = 'damaged';
  var UNSUPPORTED = 'unsupported';
  var NOT_TRUSTED = 'not-trusted';
  var EXPIRED = 'expired';
  var REVOKED = 'revoked';
  var NO_CRYPTO = 'no-crypto';

  function LinkProblem(kind, at) {
    this.kind = kind;
    this.at = at;
  }
  function fail(kind, at) {
    throw new LinkProblem(kind, at);
  }

  var enc = new TextEncoder();
  var utf8 = new TextDecoder('utf-8', { fatal: true });

  // ---- base64url (strict: alphabet, optional padding, zero trailing bits) ----
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function b64urlDecode(s) {
    var t = s.replace(/[\t\n\f\r ]/g, '');
    if (t.length === 0) fail(NOT_A_LINK);
    var pad = /=*$/.exec(t)[0].length;
    var body = t.slice(0, t.length - pad);
    if (pad > 0 && (t.length % 4 !== 0 || pad > 2)) fail(NOT_A_LINK);
    if (body.length % 4 === 1) fail(NOT_A_LINK);
    var out = new Uint8Array(Math.floor(body.length * 3 / 4));
    var acc = 0, bits = 0, o = 0;
    for (var i = 0; i < body.length; i++) {
      var v = B64.indexOf(body.charAt(i));
      if (v < 0) fail(NOT_A_LINK);
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    }
    if ((acc & ((1 << bits) - 1)) !== 0) fail(NOT_A_LINK);
    if (pad > 0 && (body.length + pad) % 4 !== 0) fail(NOT_A_LINK);
    return out;
  }

  function b64Decode(s) {
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // ---- a bounds-checked reader; `onShort` names the problem when data runs out ----
  function Reader(bytes, onShort) {
    this.b = bytes;
    this.pos = 0;
    this.onShort = onShort;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  Reader.prototype.need = function (n) {
    if (n < 0 || this.pos + n > this.b.length) fail(this.onShort);
  };
  Reader.prototype.u8 = function () { this.need(1); return this.b[this.pos++]; };
  Reader.prototype.u16 = function () {
    this.need(2); var v = this.dv.getUint16(this.pos); this.pos += 2; return v;
  };
  Reader.prototype.u32 = function () {
    this.need(4); var v = this.dv.getUint32(this.pos); this.pos += 4; return v;
  };
  Reader.prototype.i64 = function () {
    this.need(8); var v = this.dv.getBigInt64(this.pos); this.pos += 8; return v;
  };
  Reader.prototype.take = function (n) {
    this.need(n); var v = this.b.subarray(this.pos, this.pos + n); this.pos += n; return v;
  };
  Reader.prototype.rest = function () {
    var v = this.b.subarray(this.pos); this.pos = this.b.length; return v;
  };
  Reader.prototype.done = function () { return this.pos === this.b.length; };
  Reader.prototype.len = function () {
    var b0 = this.u8();
    if (b0 < 0x80) return b0;
    var b1 = this.u8();
    if (b1 === 0 || b1 >= 0x80) fail(DAMAGED);
    return (b0 & 0x7f) | (b1 << 7);
  };
  Reader.prototype.str = function (max) {
    var n = this.len();
    if (n > max) fail(DAMAGED);
    var s;
    try { s = utf8.decode(this.take(n)); } catch (e) {
      if (e instanceof LinkProblem) throw e;
      fail(DAMAGED);
    }
    if (FORBIDDEN.test(s)) fail(DAMAGED);
    return s;
  };

  function concat(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }
  function equal(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  function unixTime(big) {
    if (big < BigInt(MIN_UNIX) || big > BigInt(MAX_UNIX)) fail(NOT_TRUSTED);
    return Number(big);
  }

  // ---- pinned roots ----
  async function loadRoots() {
    var out = [];
    var el = document.getElementById('haven-roots');
    var parsed;
    try { parsed = JSON.parse(el ? el.textContent : ''); } catch (e) { return out; }
    if (!parsed || parsed.format !== 1 || !Array.isArray(parsed.roots)) return out;
    for (var i = 0; i < parsed.roots.length; i++) {
      var r = parsed.roots[i];
      try {
        var key = b64Decode(String(r.public_key));
        if (key.length !== 32) continue;
        var digest = new Uint8Array(await crypto.subtle.digest('SHA-256', key));
        var id = Array.prototype.map.call(digest.subarray(0, 8), function (b) {
          return (b < 16 ? '0' : '') + b.toString(16);
        }).join('');
        // A root whose id does not match its key is ignored (as Roots::new refuses it).
        if (id === String(r.id).toLowerCase()) out.push({ id: digest.slice(0, 8), key: key });
      } catch (e) { /* unusable entry: ignored */ }
    }
    return out;
  }

  // ---- revocation list: revocations.json beside the page, signed by a pinned root over
  //      "haven/revocations/1\n" | u8 v | i64 issued | u16 n | n × (key(32) | i64 revoked_at |
  //      u16 len | reason) | root id(8). A list that is missing or fails any check (as in
  //      RevocationList::open) revokes nothing. Returns the revoked public keys. ----
  async function loadRevoked(roots) {
    try {
      var resp = await fetch('revocations.json', {
        credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer'
      });
      if (!resp.ok) return [];
      var text = await resp.text();
      if (text.length > 262144) return [];
      var l = JSON.parse(text);
      var same = function (o, names) { return Object.keys(o).sort().join() === names; };
      var time = function (t) {
        if (!Number.isSafeInteger(t) || t < MIN_UNIX || t > MAX_UNIX) throw new Error('time');
        return t;
      };
      if (!l || !same(l, 'issued,keys,root,sig,v') || l.v !== 1 || !Array.isArray(l.keys) ||
          l.keys.length > 1024 || typeof l.root !== 'string' || typeof l.sig !== 'string' ||
          !/^[0-9a-fA-F]{16}$/.test(l.root)) return [];
      var issued = time(l.issued);
      var parts = [enc.encode('haven/revocations/1\n'), new Uint8Array([1])];
      var i64 = function (t) {
        var b = new Uint8Array(8); new DataView(b.buffer).setBigInt64(0, BigInt(t)); return b;
      };
      var u16 = function (n) { return new Uint8Array([n >> 8, n & 0xff]); };
      parts.push(i64(issued), u16(l.keys.length));
      var keys = [];
      for (var i = 0; i < l.keys.length; i++) {
        var k = l.keys[i];
        var names = Object.keys(k).sort().join();
        if ((names !== 'key,reason,revoked_at' && names !== 'key,revoked_at') ||
            typeof k.key !== 'string' || (k.reason !== undefined && typeof k.reason !== 'string')) {
          return [];
        }
        var key = b64Decode(k.key);
        var reason = enc.encode(k.reason === undefined ? '' : k.reason);
        if (key.length !== 32 || reason.length > 200 ||
            /[\u0000-\u001F\u007F-\u009F]/.test(k.reason || '') ||
            time(k.revoked_at) > issued ||
            keys.some(function (x) { return equal(x, key); })) return [];
        keys.push(key);
        parts.push(key, i64(k.revoked_at), u16(reason.length), reason);
      }
      var root = new Uint8Array(8);
      for (var j = 0; j < 8; j++) root[j] = parseInt(l.root.substr(j * 2, 2), 16);
      parts.push(root);
      var signed = parts.reduce(concat, new Uint8Array(0));
      var sig = b64Decode(l.sig);
      var signers = roots.filter(function (r) { return equal(r.id, root); });
      for (var s = 0; s < signers.length; s++) {
        if (await ed25519Verify(signers[s].key, sig, signed)) return keys;
      }
    } catch (e) { /* no list, or an unusable one: nothing revoked */ }
    return [];
  }

  async function ed25519Verify(publicKey, signature, message) {
    try {
      var key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
    } catch (e) {
      return false;
    }
  }

  // ---- delegation: prefix | u8 format | u8 scope | key(32) | i64 expires | u8 len | org |
  //      root key id (8) | signature(64) ----
  function parseDelegation(bytes) {
    var r = new Reader(bytes, DAMAGED);
    var prefix = enc.encode(DELEGATION_PREFIX);
    if (!equal(r.take(prefix.length), prefix)) fail(NOT_TRUSTED);
    if (r.u8() !== DELEGATION_FORMAT) fail(UNSUPPORTED);
    var scope = r.u8();
    var key = r.take(32);
    var expires = unixTime(r.i64());
    var orgBytes = r.take(r.u8());
    var root = r.take(8);
    r.take(64);
    if (!r.done()) fail(DAMAGED);
    if (scope !== 1 && scope !== SCOPE_LINKS) fail(NOT_TRUSTED);
    var org;
    try { org = utf8.decode(orgBytes); } catch (e) { fail(NOT_TRUSTED); }
    if (org.trim() === '' || orgBytes.length > MAX_ORGANISATION_LEN ||
        /[\u0000-\u001F\u007F-\u009F]/.test(org)) fail(NOT_TRUSTED);
    return {
      scope: scope, key: key, expires: expires, organisation: org, root: root,
      signed: bytes.subarray(0, bytes.length - 64), signature: bytes.subarray(bytes.length - 64)
    };
  }

  // ---- signed body: u8 format | u64 version | i64 issued | i64 expires | u16 len |
  //      delegation | u32 len | section | signature(64); signed = linkPrefix(version) || body-sig ----
  async function openSigned(body, roots, nowSec, version) {
    if (body.length > MAX_LINK_CHARS) fail(DAMAGED);
    if (!(window.crypto && crypto.subtle)) fail(NO_CRYPTO);
    var r = new Reader(body, DAMAGED);
    if (r.u8() !== ENVELOPE_FORMAT) fail(UNSUPPORTED);
    r.take(8); // version: links are not ratcheted
    var issuedRaw = r.i64();
    var expiresRaw = r.i64();
    var delegBytes = r.take(r.u16());
    var sectionLen = r.u32();
    if (sectionLen > MAX_LINK_CHARS) fail(DAMAGED);
    var section = r.take(sectionLen);
    var signedLen = r.pos;
    var signature = r.take(64);
    if (!r.done()) fail(DAMAGED);

    var d = parseDelegation(delegBytes);
    var candidates = roots.filter(function (k) { return equal(k.id, d.root); });
    if (candidates.length === 0) fail(NOT_TRUSTED);
    var good = false;
    for (var i = 0; i < candidates.length && !good; i++) {
      good = await ed25519Verify(candidates[i].key, d.signature, d.signed);
    }
    if (!good) fail(NOT_TRUSTED);
    if (d.scope !== SCOPE_LINKS) fail(NOT_TRUSTED);
    if ((roots.revoked || []).some(function (k) { return equal(k, d.key); })) fail(REVOKED);
    var signed = concat(enc.encode(linkPrefix(version)), body.subarray(0, signedLen));
    if (!(await ed25519Verify(d.key, signature, signed))) fail(NOT_TRUSTED);
    var issued = unixTime(issuedRaw);
    var expires = Math.min(unixTime(expiresRaw), d.expires);
    if (issued > d.expires) fail(NOT_TRUSTED);
    if (nowSec >= expires) fail(EXPIRED, expires);
    return { organisation: d.organisation, issued: issued, expires: expires, section: section };
  }

  // ---- resource section (parsed only after every signature check passed) ----
  // `version` is the link format; `signedOn` the signing time (Unix s) or null when unsigned.
  function parseSection(bytes, version, signedOn) {
    var r = new Reader(bytes, DAMAGED);
    var v2 = version >= 2;
    // Unsigned links are never more than unverified, whatever their bytes claim.
    function trust(c) { return signedOn === null ? Math.max(c, CONF_UNVERIFIED) : c; }
    var count = r.u8();
    if (count === 0 || count > MAX_RESOURCES) fail(DAMAGED);
    var out = [];
    for (var i = 0; i < count; i++) {
      var kind = r.u8();
      if (kind >= KINDS.length) fail(DAMAGED);
      r.str(LIMITS.id);
      var name = r.str(LIMITS.name);
      if (name.trim() === '') fail(DAMAGED);
      var note = r.str(LIMITS.note);
      var confidence = 0, checked = null;
      if (v2) {
        confidence = r.u8();
        if (confidence > CONF_UNVERIFIED) fail(DAMAGED);
        var days = r.u16();
        // A checked date counts only on a signed link and not after its signing day.
        if (days > 0 && signedOn !== null && days <= Math.floor(signedOn / 86400)) checked = days * 86400;
      }
      var n = r.u8();
      if (n > LIMITS.contacts) fail(DAMAGED);
      var contacts = [];
      for (var j = 0; j < n; j++) {
        var code = r.u8();
        var ck = v2 ? code & 0x0f : code;
        var cc = v2 ? code >> 4 : 0;
        if (ck >= CONTACT_KINDS.length || cc > CONF_UNVERIFIED) fail(DAMAGED);
        var value = r.str(LIMITS.value);
        if (value.trim() === '') fail(DAMAGED);
        contacts.push({
          kind: CONTACT_KINDS[ck], value: value,
          keyword: r.str(LIMITS.keyword), label: r.str(LIMITS.label), confidence: trust(cc)
        });
      }
      var m = r.u8();
      if (m > LIMITS.languages) fail(DAMAGED);
      var languages = [];
      for (var k = 0; k < m; k++) {
        var code = r.str(LIMITS.code);
        var lname = r.str(LIMITS.langName);
        if (code === '' && lname === '') fail(DAMAGED);
        languages.push({ code: code, name: lname });
      }
      out.push({ kind: KINDS[kind], name: name, note: note, contacts: contacts, languages: languages,
        confidence: trust(confidence), checked: checked });
    }
    if (!r.done()) fail(DAMAGED);
    return out;
  }

  async function decode(fragment, roots, nowSec) {
    if (fragment.length > MAX_LINK_CHARS) fail(DAMAGED);
    var bytes = b64urlDecode(fragment);
    var r = new Reader(bytes, DAMAGED);
    var version = r.u8();
    if (version !== LINK_FORMAT && version !== LINK_FORMAT_V1) fail(UNSUPPORTED);
    var mode = r.u8();
    if (mode === MODE_UNSIGNED) {
      return { verified: null, resources: parseSection(r.rest(), version, null) };
    }
    if (mode === MODE_SIGNED) {
      var v = await openSigned(r.rest(), roots, nowSec, version);
      return { verified: v, resources: parseSection(v.section, version, v.issued) };
    }
    fail(UNSUPPORTED);
  }

  // ---- safe action links (mirrors ContactPoint::action_uri) ----
  function dialDigits(value) {
    var v = value.trim();
    var out = v.charAt(0) === '+' ? '+' : '';
    for (var i = 0; i < v.length; i++) {
      var c = v.charAt(i);
      if (c >= '0' && c <= '9') out += c;
      else if (/[A-Za-z]/.test(c)) return null;
    }
    var n = out.replace(/^\+/, '').length;
    return n >= 2 && n <= 20 ? out : null;
  }
  function actionUri(c) {
    var d;
    switch (c.kind) {
      case 'call': case 'tty': case 'videophone':
        d = dialDigits(c.value);
        return d ? 'tel:' + d : null;
      case 'text':
        d = dialDigits(c.value);
        if (!d) return null;
        return /^[A-Za-z0-9]+$/.test(c.keyword) ? 'sms:' + d + '?body=' + c.keyword : 'sms:' + d;
      case 'chat': case 'web':
        var v = c.value.trim();
        var ok = v.length > 8 && v.slice(0, 8).toLowerCase() === 'https://' && !/[\s"]/.test(v);
        return ok ? v : null;
      case 'email':
        var e = c.value.trim();
        return e.indexOf('@') >= 0 && !/[\s?&"]/.test(e) ? 'mailto:' + e : null;
    }
    return null;
  }
  // ---- words: English or Spanish (strings.js) ----
  var STRINGS = window.LinkStrings || {};
  function pickLang() {
    var langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < langs.length; i++) {
      var l = String(langs[i]).toLowerCase();
      if (l.indexOf('es') === 0) return 'es';
      if (l.indexOf('en') === 0) return 'en';
    }
    return 'en';
  }
  var lang = STRINGS[pickLang()] ? pickLang() : 'en';
  function S() { return STRINGS[lang] || STRINGS.en; }
  function fmt(template, args) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m;
    });
  }
  function summary(c) {
    if (c.kind === 'text' && c.keyword) return fmt(S().textKeyword, { keyword: c.keyword, number: c.value });
    return S().contacts[c.kind] + ': ' + c.value;
  }
  function languageName(l) {
    var names = S().langNames || {};
    return names[l.code] || l.name || l.code;
  }

  // ---- rendering: textContent and setAttribute only, never HTML from data ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function isoDate(sec) {
    return new Date(sec * 1000).toISOString().slice(0, 10);
  }
  function longDate(sec) {
    try {
      return new Date(sec * 1000).toLocaleDateString(lang === 'es' ? 'es' : 'en-US',
        { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    } catch (e) { return isoDate(sec); }
  }
  function mark(confidence) {
    if (confidence >= CONF_UNVERIFIED - 1) return el('span', 'badge', S().notVerified);
    if (confidence === CONF_DATED) return el('span', 'badge', S().mayBeOld);
    return null;
  }
  function setStatus(state, problem, title, detail) {
    document.body.setAttribute('data-state', state);
    if (problem) document.body.setAttribute('data-problem', problem);
    else document.body.removeAttribute('data-problem');
    document.getElementById('status-title').textContent = title;
    document.getElementById('status-detail').textContent = detail || '';
  }
  function render(resources) {
    var list = document.getElementById('resources');
    list.textContent = '';
    resources.forEach(function (res) {
      var li = el('li', 'resource');
      var h = el('h2', null, res.name);
      var rm = mark(res.confidence);
      if (rm) h.appendChild(rm);
      li.appendChild(h);
      li.appendChild(el('p', 'kind', S().kinds[res.kind] || res.kind));
      var ul = el('ul', 'contacts');
      res.contacts.forEach(function (c) {
        var item = el('li');
        var uri = actionUri(c);
        if (uri) {
          var a = el('a', 'action', summary(c));
          a.setAttribute('href', uri);
          if (uri.indexOf('https:') === 0) a.setAttribute('rel', 'noreferrer noopener');
          item.appendChild(a);
        } else {
          item.appendChild(el('span', 'plain', summary(c)));
        }
        var cm = mark(c.confidence);
        if (cm) item.appendChild(cm);
        if (c.label) item.appendChild(el('p', 'label', c.label));
        ul.appendChild(item);
      });
      li.appendChild(ul);
      if (res.languages.length) {
        li.appendChild(el('p', 'languages', fmt(S().languages, { list: res.languages.map(languageName).join(', ') })));
      }
      if (res.note) li.appendChild(el('p', 'note', res.note));
      li.appendChild(el('p', 'checked', res.checked !== null ? fmt(S().checkedOn, { date: longDate(res.checked) }) : S().notChecked));
      list.appendChild(li);
    });
  }

  var MESSAGE_KEYS = {};
  MESSAGE_KEYS[NOT_A_LINK] = 'notALink';
  MESSAGE_KEYS[DAMAGED] = 'damaged';
  MESSAGE_KEYS[UNSUPPORTED] = 'unsupported';
  MESSAGE_KEYS[NOT_TRUSTED] = 'notTrusted';
  MESSAGE_KEYS[REVOKED] = 'revoked';
  MESSAGE_KEYS[NO_CRYPTO] = 'noCrypto';

  // The page's fixed words in the current language.
  function paintChrome() {
    document.documentElement.setAttribute('lang', lang);
    document.title = S().pageTitle;
    var set = function (id, text) { var e = document.getElementById(id); if (e) e.textContent = text; };
    set('page-title', S().pageTitle);
    set('privacy', S().privacy);
    var sw = document.getElementById('lang-switch');
    if (sw) { sw.textContent = S().switchTo; sw.setAttribute('lang', S().switchLang); }
    var qe = document.getElementById('quick-exit');
    if (qe) { qe.textContent = S().quickExit; qe.setAttribute('aria-label', S().quickExitLabel); }
  }

  // The last outcome, so a language switch can repaint it (the fragment is gone by then).
  var last = null;
  function paint() {
    paintChrome();
    if (last === null) {
      document.getElementById('status-title').textContent = S().reading;
      return;
    }
    if (last.result) {
      var result = last.result;
      if (result.verified) {
        setStatus('verified', null, fmt(S().verified, { org: result.verified.organisation }),
          fmt(S().verifiedDetail, { signed: longDate(result.verified.issued), until: longDate(result.verified.expires) }));
      } else {
        setStatus('unsigned', null, S().unsigned, S().unsignedDetail);
      }
      render(result.resources);
    } else if (last.kind === EXPIRED) {
      document.getElementById('resources').textContent = '';
      setStatus('error', EXPIRED, fmt(S().expired, { date: longDate(last.at) }), S().expiredDetail);
    } else {
      document.getElementById('resources').textContent = '';
      var msg = S()[MESSAGE_KEYS[last.kind] || 'damaged'];
      setStatus('error', last.kind, msg[0], msg[1]);
    }
  }

  var roots = null;
  async function show() {
    var fragment = window.location.hash.replace(/^#/, '');
    document.getElementById('resources').textContent = '';
    try {
      if (fragment === '') fail(NOT_A_LINK);
      if (roots === null) {
        roots = (window.crypto && crypto.subtle) ? await loadRoots() : [];
        roots.revoked = roots.length > 0 ? await loadRevoked(roots) : [];
      }
      var nowSec = Math.floor(Date.now() / 1000);
      last = { result: await decode(fragment, roots, nowSec) };
    } catch (e) {
      last = { kind: e instanceof LinkProblem ? e.kind : DAMAGED, at: e && e.at };
    }
    paint();
    // Keep the list out of this tab's address bar and history entry.
    if (window.location.href.indexOf('#') >= 0) {
      try { history.replaceState(null, '', window.location.pathname); } catch (e) { /* file: */ }
    }
  }

  // Quick exit: blank the page at once, then replace it (and its history entry) with a
  // neutral site, so Back does not return here.
  function quickExit() {
    var to = 'https://www.wikipedia.org/';
    var btn = document.getElementById('quick-exit');
    var wanted = btn && btn.getAttribute('data-exit-to');
    if (wanted && /^https:\/\/[^\s"<>]+$/.test(wanted)) to = wanted;
    document.body.textContent = '';
    document.title = '';
    window.location.replace(to);
  }

  var qe = document.getElementById('quick-exit');
  if (qe) qe.addEventListener('click', quickExit);
  var sw = document.getElementById('lang-switch');
  if (sw) sw.addEventListener('click', function () { lang = lang === 'es' ? 'en' : 'es'; paint(); });
  window.addEventListener('hashchange', show);
  paintChrome();
  show();
})();
