import { SaxesParser } from 'saxes';

/**
 * A structural check of an Atom document against every MUST of RFC 4287 that a feed of ours can
 * break, on a tree built by a strict, namespace-aware XML parser (saxes: a malformed document, an
 * undeclared entity or a bad escape throws). No RELAX NG validator is installable here without a
 * heavy or native dependency, so the rules of the RFC's schema (appendix B) are checked one by one.
 */

export const ATOM = 'http://www.w3.org/2005/Atom';

export interface XmlElement {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML into a tree of elements (text concatenated per element); throws on any well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes) as Array<{ uri: string; local: string; value: string }>) attributes[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    const el: XmlElement = { uri: tag.uri ?? '', local: tag.local ?? tag.name, attributes, children: [], text: '' };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack[stack.length - 1]!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('document vide');
  return root;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** An absolute IRI (scheme ":" …), as atom:id requires; tag: URIs checked against RFC 4151 as well. */
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const TAG = /^tag:([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|[^@\s]+@[a-z0-9.-]+),\d{4}(-\d{2}(-\d{2})?)?:[\x21-\x7e]*$/i;

const FEED_CHILDREN = new Set(['author', 'category', 'contributor', 'generator', 'icon', 'id', 'link', 'logo', 'rights', 'subtitle', 'title', 'updated', 'entry']);
const ENTRY_CHILDREN = new Set(['author', 'category', 'content', 'contributor', 'id', 'link', 'published', 'rights', 'source', 'summary', 'title', 'updated']);

/** Every RFC 4287 rule broken by the document (empty: the feed is valid by these rules). */
export function atomProblems(xml: string): string[] {
  const problems: string[] = [];
  let feed: XmlElement;
  try {
    feed = parseXml(xml);
  } catch (e) {
    return [`XML mal formé : ${(e as Error).message}`];
  }
  if (!xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')) problems.push('déclaration XML absente ou sans encodage utf-8');
  if (feed.uri !== ATOM || feed.local !== 'feed') return [...problems, `élément racine ${feed.local} hors de l’espace de noms Atom`];

  const atomChildren = (el: XmlElement, name: string) => el.children.filter((c) => c.uri === ATOM && c.local === name);
  const exactlyOne = (el: XmlElement, name: string, where: string) => {
    const n = atomChildren(el, name).length;
    if (n !== 1) problems.push(`${where} : ${n} atom:${name} (exactement un attendu)`);
  };
  const atMostOne = (el: XmlElement, name: string, where: string) => {
    const n = atomChildren(el, name).length;
    if (n > 1) problems.push(`${where} : ${n} atom:${name} (au plus un)`);
  };
  const checkText = (el: XmlElement, where: string) => {
    const type = el.attributes.type ?? 'text';
    if (!['text', 'html', 'xhtml'].includes(type)) problems.push(`${where} : type « ${type} » d’une construction de texte`);
    if (type === 'text' && el.children.length) problems.push(`${where} : un texte de type text ne contient pas d’élément`);
  };
  const checkDate = (el: XmlElement, where: string) => {
    if (!RFC3339.test(el.text.trim())) problems.push(`${where} : date « ${el.text} » hors RFC 3339`);
  };
  const checkPerson = (el: XmlElement, where: string) => {
    exactlyOne(el, 'name', `${where}/author`);
    atMostOne(el, 'uri', `${where}/author`);
    atMostOne(el, 'email', `${where}/author`);
  };
  const checkLinks = (el: XmlElement, where: string) => {
    const alternates = new Set<string>();
    for (const link of atomChildren(el, 'link')) {
      if (!link.attributes.href) problems.push(`${where} : atom:link sans href`);
      else if (!IRI.test(link.attributes.href)) problems.push(`${where} : href « ${link.attributes.href} » n’est pas absolu`);
      if ((link.attributes.rel ?? 'alternate') === 'alternate') {
        const key = `${link.attributes.type ?? ''}|${link.attributes.hreflang ?? ''}`;
        if (alternates.has(key)) problems.push(`${where} : deux liens alternate de même type et même langue`);
        alternates.add(key);
      }
    }
  };
  const checkId = (el: XmlElement, where: string, seen: Set<string>) => {
    for (const id of atomChildren(el, 'id')) {
      const v = id.text;
      if (v !== v.trim() || !IRI.test(v)) problems.push(`${where} : atom:id « ${v} » n’est pas une IRI absolue`);
      if (v.startsWith('tag:') && !TAG.test(v)) problems.push(`${where} : atom:id « ${v} » n’est pas une URI tag: (RFC 4151)`);
      if (seen.has(v)) problems.push(`${where} : atom:id « ${v} » en double`);
      seen.add(v);
    }
  };
  const checkCommon = (el: XmlElement, where: string, allowed: Set<string>, seen: Set<string>) => {
    for (const c of el.children) if (c.uri === ATOM && !allowed.has(c.local)) problems.push(`${where} : élément atom:${c.local} non prévu`);
    exactlyOne(el, 'id', where);
    exactlyOne(el, 'title', where);
    exactlyOne(el, 'updated', where);
    atMostOne(el, 'rights', where);
    for (const t of atomChildren(el, 'title')) checkText(t, `${where}/title`);
    for (const u of atomChildren(el, 'updated')) checkDate(u, `${where}/updated`);
    for (const a of atomChildren(el, 'author')) checkPerson(a, where);
    for (const cat of atomChildren(el, 'category')) if (!cat.attributes.term) problems.push(`${where} : atom:category sans term`);
    checkLinks(el, where);
    checkId(el, where, seen);
  };

  const seen = new Set<string>();
  checkCommon(feed, 'feed', FEED_CHILDREN, seen);
  for (const name of ['generator', 'icon', 'logo', 'subtitle']) atMostOne(feed, name, 'feed');
  const feedHasAuthor = atomChildren(feed, 'author').length > 0;
  if (!atomChildren(feed, 'link').some((l) => l.attributes.rel === 'self')) problems.push('feed : pas de lien rel="self" (DEVRAIT, RFC 4287 § 4.1.1)');
  atomChildren(feed, 'entry').forEach((entry, i) => {
    const where = `entry[${i}]`;
    checkCommon(entry, where, ENTRY_CHILDREN, seen);
    for (const name of ['content', 'published', 'source', 'summary']) atMostOne(entry, name, where);
    for (const p of atomChildren(entry, 'published')) checkDate(p, `${where}/published`);
    if (!feedHasAuthor && !atomChildren(entry, 'author').length) problems.push(`${where} : pas d’auteur, ni dans l’entrée ni dans le flux`);
    const content = atomChildren(entry, 'content')[0];
    const hasAlternate = atomChildren(entry, 'link').some((l) => (l.attributes.rel ?? 'alternate') === 'alternate');
    if (!content && !hasAlternate) problems.push(`${where} : ni atom:content ni lien alternate`);
    if (content) {
      checkText(content, `${where}/content`);
      if (content.attributes.src && !atomChildren(entry, 'summary').length) problems.push(`${where} : content@src sans atom:summary`);
    }
  });
  return problems;
}

/** The text of a feed's entries, in order: id, title, updated, alternate href, content. */
export function atomEntries(xml: string): Array<{ id: string; title: string; updated: string; href: string; content: string; category: string }> {
  const feed = parseXml(xml);
  const child = (el: XmlElement, name: string) => el.children.find((c) => c.uri === ATOM && c.local === name);
  return feed.children
    .filter((c) => c.uri === ATOM && c.local === 'entry')
    .map((e) => ({
      id: child(e, 'id')?.text ?? '',
      title: child(e, 'title')?.text ?? '',
      updated: child(e, 'updated')?.text ?? '',
      href: child(e, 'link')?.attributes.href ?? '',
      content: child(e, 'content')?.text ?? '',
      category: child(e, 'category')?.attributes.term ?? '',
    }));
}
