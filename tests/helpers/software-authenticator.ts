// A software FIDO2 authenticator for tests: a P-256 key pair from node:crypto, and the bytes a real
// security key and browser would send (clientDataJSON, authenticatorData, a "none" attestation
// object in CBOR, an ECDSA signature), as the JSON @simplewebauthn/browser hands to the server.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// ───────────── a tiny CBOR encoder (RFC 8949): just what attestation objects and COSE keys use ─────────────

export type CborValue = number | string | Uint8Array | CborValue[] | Map<number | string, CborValue>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(length, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

export function cborEncode(value: CborValue): Buffer {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error("only integers");
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cborEncode)]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cborEncode(k), cborEncode(v));
  return Buffer.concat(parts);
}

// ───────────── the authenticator ─────────────

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

function counterBytes(counter: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(counter, 0);
  return b;
}

export class SoftwareAuthenticator {
  readonly credentialId: Buffer;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  /** The signature counter the next assertion reports (then it goes up by one). */
  counter: number;

  constructor(
    readonly relyingParty: { rpID: string; origin: string },
    opts: { counter?: number } = {},
  ) {
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
    this.credentialId = randomBytes(32);
    this.counter = opts.counter ?? 0;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** The credential public key as COSE_Key (EC2, ES256, P-256). */
  coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: "jwk" });
    return cborEncode(
      new Map<number, CborValue>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, "base64url")],
        [-3, Buffer.from(jwk.y as string, "base64url")],
      ]),
    );
  }

  private clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin = this.relyingParty.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create() answering `options.challenge`, as startRegistration() returns it. */
  register(options: { challenge: string }, opts: { origin?: string; rpID?: string } = {}) {
    const clientDataJSON = this.clientData("webauthn.create", options.challenge, opts.origin);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length, 0);
    const authData = Buffer.concat([
      sha256(opts.rpID ?? this.relyingParty.rpID),
      Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]),
      counterBytes(this.counter),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cborEncode(new Map<string, CborValue>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]));
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["usb" as const] },
      clientExtensionResults: {},
      authenticatorAttachment: "cross-platform" as const,
    };
  }

  /**
   * navigator.credentials.get() answering `options.challenge`, as startAuthentication() returns it.
   * Reports `counter` (default: the next value of this.counter) and signs with this key.
   */
  authenticate(options: { challenge: string }, opts: { counter?: number; origin?: string } = {}) {
    const counter = opts.counter ?? (this.counter === 0 ? 0 : ++this.counter);
    const clientDataJSON = this.clientData("webauthn.get", options.challenge, opts.origin);
    const authenticatorData = Buffer.concat([sha256(this.relyingParty.rpID), Buffer.from([FLAG_UP | FLAG_UV]), counterBytes(counter)]);
    const signature = sign("sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
      clientExtensionResults: {},
      authenticatorAttachment: "cross-platform" as const,
    };
  }
}
