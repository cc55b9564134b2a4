import { isValidMapEntry, rootKindOf } from '@koers/board';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CLOSE_REASON, CloseCode } from './close-codes';
import type { Refusal, SyncExtension } from './hooks';

/**
 * The update guard: reads a client's Yjs update (v1 encoding) structurally, without building Yjs objects, and
 * refuses it BEFORE it is applied when it would
 * - leave pending data in the doc: a struct starting beyond the clock the doc plus this update know for its
 *   client, an origin/rightOrigin/parent the doc does not have (or a circular dependency inside the update),
 *   a delete-set range beyond the known clock of its client. Yjs would keep such data as "pending"; it then
 *   breaks later edits and, once encoded into a snapshot, the whole board (see the README);
 * - exceed a limit (structs, clocks, text, JSON nesting, binary/embed/format sizes), or carry a subdocument;
 * - write a root the board layout (packages/board) does not know, with the wrong shape, or a meta/stepDone
 *   value of the wrong type (a `meta.title` longer than the REST limit).
 * Undecodable bytes throw (the socket is closed as malformed, 4400).
 */

export interface UpdateLimits {
  /** Structs (items, GC and skip runs) in one update. */
  maxStructs: number;
  /** Delete-set ranges in one update. */
  maxDeleteRanges: number;
  /** Highest clock any client may reach (Yjs clocks count a client's inserted characters and items). */
  maxClock: number;
  /** Characters of text, JSON and keys in one update, all contents together. */
  maxTextChars: number;
  /** Nesting depth of one JSON/any value (maps, arrays). */
  maxJsonDepth: number;
  /** One ContentBinary. */
  maxBinaryBytes: number;
  /** One ContentEmbed, as JSON text. */
  maxEmbedChars: number;
  /** One ContentFormat (a text mark such as a link), key plus JSON value. */
  maxFormatChars: number;
  /** A map key, attribute name or XML node name. */
  maxKeyChars: number;
}

/** Why these numbers: see "Update limits" in apps/server/README.md. */
export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxStructs: 100_000,
  maxDeleteRanges: 100_000,
  maxClock: 2 ** 31,
  maxTextChars: 4_000_000,
  maxJsonDepth: 64,
  maxBinaryBytes: 64 * 1024,
  maxEmbedChars: 64 * 1024,
  maxFormatChars: 8 * 1024,
  maxKeyChars: 1024,
};

/** Thrown inside the walk when the update is well-formed but not acceptable. */
class Refused extends Error {}

const GC_REF = 0;
const DELETED_REF = 1;
const JSON_REF = 2;
const BINARY_REF = 3;
const STRING_REF = 4;
const EMBED_REF = 5;
const FORMAT_REF = 6;
const TYPE_REF = 7;
const ANY_REF = 8;
const DOC_REF = 9;
const SKIP_REF = 10;
/** Yjs type refs (YArray 0 … YXmlText 6); XmlElement and XmlHook carry a node name. */
const XML_ELEMENT = 3;
const XML_HOOK = 5;
const XML_TEXT = 6;
const MAX_TYPE_REF = 6;

interface Id {
  client: number;
  clock: number;
}

interface Struct {
  client: number;
  clock: number;
  length: number;
  /** GC_REF, SKIP_REF or the content ref of an item. */
  ref: number;
  origin: Id | null;
  rightOrigin: Id | null;
  parentKey: string | null;
  parentId: Id | null;
  parentSub: string | null;
  typeRef: number;
  /** The value of a one-value ContentAny (what a map entry holds). */
  value: unknown;
}

/** Where an item sits: which root, directly in it or deeper, under which key. */
interface Placement {
  /** The root's name; null when the item lands in deleted/collected content (Yjs drops it). */
  root: string | null;
  /** Identity of the parent type: `r:<root>` or `i:<client>:<clock>` of the type's item. */
  parent: string;
  direct: boolean;
  parentSub: string | null;
}

const GONE: Placement = { root: null, parent: '', direct: false, parentSub: null };

/**
 * Check `update` against `doc`. Returns a reason (English, for logs) when it must be refused, undefined when
 * it may be applied; throws when it cannot be decoded.
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): string | undefined {
  try {
    new UpdateCheck(doc, limits).run(update);
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.message;
    throw error;
  }
}

/** The guard as the first `beforeApply` extension of the sync server. */
export function updateGuard(limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): SyncExtension {
  return {
    name: 'update-guard',
    beforeApply({ doc, update }): Refusal | undefined {
      const detail = checkUpdate(doc, update, limits);
      if (detail === undefined) return undefined;
      return { code: CloseCode.UPDATE_REFUSED, reason: CLOSE_REASON.UPDATE_REFUSED, detail };
    },
  };
}

class UpdateCheck {
  readonly #doc: Y.Doc;
  readonly #limits: UpdateLimits;
  /** Structs per client, in clock order (contiguous: skips fill gaps). */
  readonly #byClient = new Map<number, Struct[]>();
  #structs = 0;
  #text = 0;
  readonly #docState = new Map<number, number>();

  constructor(doc: Y.Doc, limits: UpdateLimits) {
    this.#doc = doc;
    this.#limits = limits;
  }

  run(update: Uint8Array): void {
    const decoder = decoding.createDecoder(update);
    this.#readStructs(decoder);
    const ranges = this.#readDeleteSet(decoder);
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the delete set');
    const state = this.#integrate();
    for (const [client, clock, length] of ranges) {
      if (clock + length > (state.get(client) ?? this.#stateOf(client))) {
        throw new Refused(`delete range ${client}:${clock}+${length} beyond the known clock`);
      }
    }
    this.#checkPlacements();
  }

  #stateOf(client: number): number {
    let state = this.#docState.get(client);
    if (state === undefined) {
      state = Y.getState(this.#doc.store, client);
      this.#docState.set(client, state);
    }
    return state;
  }

  #readStructs(decoder: decoding.Decoder): void {
    const limits = this.#limits;
    const clients = decoding.readVarUint(decoder);
    for (let c = 0; c < clients; c++) {
      const count = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      if (client >= 2 ** 32) throw new Refused(`client id ${client} out of range`);
      if (this.#byClient.has(client)) throw new Refused(`client ${client} listed twice`);
      if (clock > limits.maxClock) throw new Refused(`clock ${clock} out of range`);
      this.#structs += count;
      if (this.#structs > limits.maxStructs) throw new Refused(`more than ${limits.maxStructs} structs`);
      const structs: Struct[] = [];
      this.#byClient.set(client, structs);
      for (let i = 0; i < count; i++) {
        const struct = this.#readStruct(decoder, client, clock);
        if (struct.length < 1) throw new Refused(`empty struct at ${client}:${clock}`);
        clock += struct.length;
        if (clock > limits.maxClock) throw new Refused(`clock ${clock} out of range`);
        structs.push(struct);
      }
    }
  }

  #readStruct(decoder: decoding.Decoder, client: number, clock: number): Struct {
    const info = decoding.readUint8(decoder);
    const ref = info & 0b11111;
    const struct: Struct = {
      client,
      clock,
      length: 0,
      ref,
      origin: null,
      rightOrigin: null,
      parentKey: null,
      parentId: null,
      parentSub: null,
      typeRef: -1,
      value: undefined,
    };
    if (ref === GC_REF || ref === SKIP_REF) {
      struct.length = decoding.readVarUint(decoder);
      return struct;
    }
    if (info & 0b1000_0000) struct.origin = this.#readReference(decoder, struct);
    if (info & 0b0100_0000) struct.rightOrigin = this.#readReference(decoder, struct);
    if ((info & 0b1100_0000) === 0) {
      if (decoding.readVarUint(decoder) === 1) struct.parentKey = this.#readKey(decoder);
      else struct.parentId = this.#readReference(decoder, struct);
      if (info & 0b0010_0000) struct.parentSub = this.#readKey(decoder);
    }
    struct.length = this.#readContent(decoder, struct);
    return struct;
  }

  /** An ID another struct points at; a reference to the same client must point backwards. */
  #readReference(decoder: decoding.Decoder, struct: Struct): Id {
    const id = { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) };
    if (id.client === struct.client && id.clock >= struct.clock) {
      throw new Refused(`struct ${struct.client}:${struct.clock} points forward to ${id.client}:${id.clock}`);
    }
    if (id.clock > this.#limits.maxClock) throw new Refused(`reference clock ${id.clock} out of range`);
    return id;
  }

  #readKey(decoder: decoding.Decoder): string {
    const key = decoding.readVarString(decoder);
    if (key.length > this.#limits.maxKeyChars) throw new Refused(`key of ${key.length} characters`);
    this.#addText(key.length);
    return key;
  }

  #addText(chars: number): void {
    this.#text += chars;
    if (this.#text > this.#limits.maxTextChars) {
      throw new Refused(`more than ${this.#limits.maxTextChars} characters of content`);
    }
  }

  /** Reads one item's content; returns its length in clock ticks (as Yjs counts it). */
  #readContent(decoder: decoding.Decoder, struct: Struct): number {
    const limits = this.#limits;
    switch (struct.ref) {
      case DELETED_REF:
        return decoding.readVarUint(decoder);
      case JSON_REF: {
        const count = decoding.readVarUint(decoder);
        for (let i = 0; i < count; i++) {
          const json = decoding.readVarString(decoder);
          this.#addText(json.length);
          if (json !== 'undefined') this.#checkJson(json);
        }
        return count;
      }
      case BINARY_REF: {
        const bytes = decoding.readVarUint8Array(decoder);
        if (bytes.byteLength > limits.maxBinaryBytes)
          throw new Refused(`binary of ${bytes.byteLength} bytes`);
        return 1;
      }
      case STRING_REF: {
        const text = decoding.readVarString(decoder);
        this.#addText(text.length);
        return text.length;
      }
      case EMBED_REF: {
        const json = decoding.readVarString(decoder);
        if (json.length > limits.maxEmbedChars) throw new Refused(`embed of ${json.length} characters`);
        this.#addText(json.length);
        this.#checkJson(json);
        return 1;
      }
      case FORMAT_REF: {
        const key = this.#readKey(decoder);
        const json = decoding.readVarString(decoder);
        if (key.length + json.length > limits.maxFormatChars) {
          throw new Refused(`format of ${key.length + json.length} characters`);
        }
        this.#addText(json.length);
        this.#checkJson(json);
        return 1;
      }
      case TYPE_REF: {
        struct.typeRef = decoding.readVarUint(decoder);
        if (struct.typeRef > MAX_TYPE_REF) throw new Error(`unknown type ref ${struct.typeRef}`);
        if (struct.typeRef === XML_ELEMENT || struct.typeRef === XML_HOOK) this.#readKey(decoder);
        return 1;
      }
      case ANY_REF: {
        const count = decoding.readVarUint(decoder);
        for (let i = 0; i < count; i++) {
          const value = this.#readAny(decoder, 1);
          if (i === 0) struct.value = value;
        }
        if (count !== 1) struct.value = undefined;
        return count;
      }
      case DOC_REF:
        // Subdocuments: the board has no use for them, and each one costs a Y.Doc on every load.
        throw new Refused('subdocument');
      default:
        throw new Error(`unknown content ref ${struct.ref}`);
    }
  }

  /** lib0's `readAny`, with a depth limit and the text budget (it would recurse without bound). */
  #readAny(decoder: decoding.Decoder, depth: number): unknown {
    if (depth > this.#limits.maxJsonDepth)
      throw new Refused(`value nested deeper than ${this.#limits.maxJsonDepth}`);
    const type = decoding.readUint8(decoder);
    switch (type) {
      case 127:
        return undefined;
      case 126:
        return null;
      case 125:
        return decoding.readVarInt(decoder);
      case 124:
        return decoding.readFloat32(decoder);
      case 123:
        return decoding.readFloat64(decoder);
      case 122:
        return decoding.readBigInt64(decoder);
      case 121:
        return false;
      case 120:
        return true;
      case 119: {
        const text = decoding.readVarString(decoder);
        this.#addText(text.length);
        return text;
      }
      case 118: {
        const count = decoding.readVarUint(decoder);
        const object: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          const key = this.#readKey(decoder);
          object[key] = this.#readAny(decoder, depth + 1);
        }
        return object;
      }
      case 117: {
        const count = decoding.readVarUint(decoder);
        const array: unknown[] = [];
        for (let i = 0; i < count; i++) array.push(this.#readAny(decoder, depth + 1));
        return array;
      }
      case 116: {
        const bytes = decoding.readVarUint8Array(decoder);
        if (bytes.byteLength > this.#limits.maxBinaryBytes)
          throw new Refused(`binary of ${bytes.byteLength} bytes`);
        return bytes;
      }
      default:
        throw new Error(`unknown any type ${type}`);
    }
  }

  /** Nesting depth of a JSON text, counted without parsing (JSON.parse would happily build 6,000 levels). */
  #checkJson(json: string): void {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < json.length; i++) {
      const char = json.charCodeAt(i);
      if (inString) {
        if (char === 0x5c)
          i++; // backslash: skip the escaped character
        else if (char === 0x22) inString = false;
      } else if (char === 0x22) {
        inString = true;
      } else if (char === 0x5b || char === 0x7b) {
        if (++depth > this.#limits.maxJsonDepth)
          throw new Refused(`JSON nested deeper than ${this.#limits.maxJsonDepth}`);
      } else if (char === 0x5d || char === 0x7d) {
        depth--;
      }
    }
  }

  #readDeleteSet(decoder: decoding.Decoder): [number, number, number][] {
    const ranges: [number, number, number][] = [];
    const clients = decoding.readVarUint(decoder);
    for (let c = 0; c < clients; c++) {
      const client = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) {
        ranges.push([client, decoding.readVarUint(decoder), decoding.readVarUint(decoder)]);
        if (ranges.length > this.#limits.maxDeleteRanges) {
          throw new Refused(`more than ${this.#limits.maxDeleteRanges} delete ranges`);
        }
      }
    }
    return ranges;
  }

  /**
   * Replays Yjs's integration order (`integrateStructs`) on the struct headers only: every struct must find
   * its own client's clock and every struct it points at, in the doc or earlier in this update. Returns the
   * clock per client afterwards. Mirrors Yjs: dependencies are checked even for structs the doc already has.
   */
  #integrate(): Map<number, number> {
    const state = new Map<number, number>();
    const stateOf = (client: number): number => state.get(client) ?? this.#stateOf(client);
    const cursors = new Map<number, number>();
    const clients = [...this.#byClient.keys()];
    let nextClient = 0;
    const take = (client: number): Struct | undefined => {
      const structs = this.#byClient.get(client);
      const index = cursors.get(client) ?? 0;
      if (!structs || index >= structs.length) return undefined;
      cursors.set(client, index + 1);
      return structs[index];
    };
    const takeAny = (): Struct | undefined => {
      while (nextClient < clients.length) {
        const struct = take(clients[nextClient] as number);
        if (struct) return struct;
        nextClient++;
      }
      return undefined;
    };
    const missing = (struct: Struct): number | undefined => {
      for (const id of [struct.origin, struct.rightOrigin, struct.parentId]) {
        if (id && id.client !== struct.client && id.clock >= stateOf(id.client)) return id.client;
      }
      return undefined;
    };
    const stack: Struct[] = [];
    const blocked = new Set<number>();
    let head = takeAny();
    while (head) {
      const known = stateOf(head.client);
      if (head.ref === SKIP_REF) {
        // A gap: whatever follows it in this update is only applicable if the doc already has the gap.
        if (head.clock + head.length > known) throw new Refused(`gap at ${head.client}:${head.clock}`);
      } else {
        if (head.clock > known)
          throw new Refused(`struct ${head.client}:${head.clock} starts beyond clock ${known}`);
        const needed = missing(head);
        if (needed !== undefined) {
          if (blocked.has(needed)) throw new Refused(`circular dependency at ${head.client}:${head.clock}`);
          const next = take(needed);
          if (!next)
            throw new Refused(
              `struct ${head.client}:${head.clock} needs data of client ${needed} the server lacks`,
            );
          stack.push(head);
          blocked.add(head.client);
          head = next;
          continue;
        }
        if (head.clock + head.length > known) state.set(head.client, head.clock + head.length);
      }
      const resumed = stack.pop();
      if (resumed) blocked.delete(resumed.client);
      head = resumed ?? takeAny();
    }
    return state;
  }

  /** The struct of this update that holds `id`, if any. */
  #findInUpdate(id: Id): Struct | undefined {
    const structs = this.#byClient.get(id.client);
    if (!structs || structs.length === 0) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = structs[mid] as Struct;
      if (id.clock < struct.clock) high = mid - 1;
      else if (id.clock >= struct.clock + struct.length) low = mid + 1;
      else return struct.ref === SKIP_REF ? undefined : struct;
    }
    return undefined;
  }

  /** Root, parent and key of every item this update adds, checked against the board layout. */
  #checkPlacements(): void {
    const placements = new Map<Struct, Placement>();
    for (const structs of this.#byClient.values()) {
      for (const struct of structs) {
        if (struct.ref === GC_REF || struct.ref === SKIP_REF) continue;
        // Wholly known already: Yjs skips it, whatever it says.
        if (struct.clock + struct.length <= this.#stateOf(struct.client)) continue;
        this.#checkPlacement(struct, this.#placementOf(struct, placements));
      }
    }
  }

  #checkPlacement(struct: Struct, placement: Placement): void {
    const { root } = placement;
    if (root === null || !placement.direct) return;
    const at = `${struct.client}:${struct.clock}`;
    const kind = rootKindOf(root);
    if (kind === undefined) throw new Refused(`unknown root "${root.slice(0, 40)}" at ${at}`);
    if (struct.ref === DELETED_REF) return;
    if (kind === 'map') {
      const key = placement.parentSub;
      if (key === null) throw new Refused(`sequence item in map root "${root}" at ${at}`);
      if (struct.ref !== ANY_REF || struct.length !== 1 || !isValidMapEntry(root, key, struct.value)) {
        throw new Refused(`invalid value for ${root}.${key.slice(0, 40)} at ${at}`);
      }
    } else {
      const isXmlChild =
        struct.ref === TYPE_REF &&
        (struct.typeRef === XML_ELEMENT || struct.typeRef === XML_TEXT || struct.typeRef === XML_HOOK);
      if (placement.parentSub !== null || !isXmlChild) {
        throw new Refused(`content that is not an XML node in "${root}" at ${at}`);
      }
    }
  }

  /**
   * Where `struct` lands: from its parent info, or (when it has none) copied from its origin or right origin,
   * as Yjs does. Chains (a run of typed characters, each pointing at the previous one) are followed
   * iteratively, so a long chain cannot overflow the stack.
   */
  #placementOf(start: Struct, placements: Map<Struct, Placement>): Placement {
    const path: Struct[] = [];
    let struct: Struct | undefined = start;
    let found: Placement | undefined;
    while (struct && !found) {
      const cached = placements.get(struct);
      if (cached) {
        found = cached;
        break;
      }
      path.push(struct);
      if (struct.parentKey !== null) {
        found = {
          root: struct.parentKey,
          parent: `r:${struct.parentKey}`,
          direct: true,
          parentSub: struct.parentSub,
        };
        placements.set(struct, found);
        path.pop();
        break;
      }
      const target: Id | null = struct.parentId ?? struct.origin ?? struct.rightOrigin;
      if (!target) throw new Refused(`struct ${struct.client}:${struct.clock} has no parent`);
      const inUpdate = this.#findInUpdate(target);
      if (inUpdate && inUpdate.ref === GC_REF) {
        found = GONE;
        break;
      }
      if (inUpdate && struct.parentId === null) {
        struct = inUpdate; // copy the placement of the origin
        continue;
      }
      if (inUpdate) {
        // The parent is a type item of this update: resolve its own placement first.
        if (inUpdate.ref === DELETED_REF) {
          found = GONE;
          break;
        }
        if (inUpdate.ref !== TYPE_REF)
          throw new Refused(`parent ${target.client}:${target.clock} is not a type`);
        const parentPlacement = this.#placementOf(inUpdate, placements);
        const own: Placement =
          parentPlacement.root === null
            ? GONE
            : {
                root: parentPlacement.root,
                parent: `i:${target.client}:${target.clock}`,
                direct: false,
                parentSub: struct.parentSub,
              };
        placements.set(struct, own);
        path.pop();
        found = own;
        break;
      }
      found = this.#placementInDoc(target, struct.parentId !== null, struct.parentSub);
      placements.set(struct, found);
      path.pop();
    }
    const result = found ?? GONE;
    for (const item of path) placements.set(item, result);
    return result;
  }

  /** Placement of an item pointing at `id` in the doc, as its parent (`asParent`) or as its origin. */
  #placementInDoc(id: Id, asParent: boolean, parentSub: string | null): Placement {
    const found = Y.getItem(this.#doc.store, Y.createID(id.client, id.clock));
    if (!(found instanceof Y.Item)) return GONE;
    if (asParent) {
      if (found.content instanceof Y.ContentDeleted) return GONE;
      if (!(found.content instanceof Y.ContentType))
        throw new Refused(`parent ${id.client}:${id.clock} is not a type`);
      const type = found.content.type;
      return {
        root: rootNameOf(this.#doc, type),
        parent: `i:${id.client}:${id.clock}`,
        direct: false,
        parentSub,
      };
    }
    const parent = found.parent;
    if (!(parent instanceof Y.AbstractType)) return GONE;
    const parentItem = parent._item;
    return {
      root: rootNameOf(this.#doc, parent),
      parent: parentItem ? `i:${parentItem.id.client}:${parentItem.id.clock}` : 'root',
      direct: parentItem === null,
      parentSub: found.parentSub,
    };
  }
}

/** The name of the root type `type` lives in (null when it hangs in deleted content). */
function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  let current = type;
  while (current._item) {
    const parent = current._item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    current = parent;
  }
  for (const [name, root] of doc.share) if (root === current) return name;
  return null;
}
