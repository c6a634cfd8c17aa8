/** `DOMException`, as Node has it: an Error by prototype, with the legacy codes. */
const CODES: Record<string, [string, number]> = {
  IndexSizeError: ["INDEX_SIZE_ERR", 1],
  DOMStringSizeError: ["DOMSTRING_SIZE_ERR", 2],
  HierarchyRequestError: ["HIERARCHY_REQUEST_ERR", 3],
  WrongDocumentError: ["WRONG_DOCUMENT_ERR", 4],
  InvalidCharacterError: ["INVALID_CHARACTER_ERR", 5],
  NoDataAllowedError: ["NO_DATA_ALLOWED_ERR", 6],
  NoModificationAllowedError: ["NO_MODIFICATION_ALLOWED_ERR", 7],
  NotFoundError: ["NOT_FOUND_ERR", 8],
  NotSupportedError: ["NOT_SUPPORTED_ERR", 9],
  InUseAttributeError: ["INUSE_ATTRIBUTE_ERR", 10],
  InvalidStateError: ["INVALID_STATE_ERR", 11],
  SyntaxError: ["SYNTAX_ERR", 12],
  InvalidModificationError: ["INVALID_MODIFICATION_ERR", 13],
  NamespaceError: ["NAMESPACE_ERR", 14],
  InvalidAccessError: ["INVALID_ACCESS_ERR", 15],
  ValidationError: ["VALIDATION_ERR", 16],
  TypeMismatchError: ["TYPE_MISMATCH_ERR", 17],
  SecurityError: ["SECURITY_ERR", 18],
  NetworkError: ["NETWORK_ERR", 19],
  AbortError: ["ABORT_ERR", 20],
  URLMismatchError: ["URL_MISMATCH_ERR", 21],
  QuotaExceededError: ["QUOTA_EXCEEDED_ERR", 22],
  TimeoutError: ["TIMEOUT_ERR", 23],
  InvalidNodeTypeError: ["INVALID_NODE_TYPE_ERR", 24],
  DataCloneError: ["DATA_CLONE_ERR", 25],
};

const state = new WeakMap<object, { name: string; message: string }>();

function stateOf(self: unknown): { name: string; message: string } {
  const found = state.get(self as object);
  if (!found) throw Object.assign(new TypeError('Value of "this" must be of type DOMException'), { code: "ERR_INVALID_THIS" });
  return found;
}

export interface DOMException extends Error {
  readonly code: number;
}

export const DOMException = class DOMException {
  constructor(message: unknown = "", options: unknown = "Error") {
    let name = "Error";
    if (options !== null && typeof options === "object") {
      const { name: given, cause } = options as { name?: unknown; cause?: unknown };
      name = given === undefined ? "Error" : String(given);
      if ("cause" in options) Object.defineProperty(this, "cause", { value: cause, writable: true, configurable: true, enumerable: false });
    } else name = String(options);
    state.set(this, { name, message: String(message) });
    (Error as { captureStackTrace?: (target: object, ctor?: unknown) => void }).captureStackTrace?.(this, DOMException);
  }
  get name(): string {
    return stateOf(this).name;
  }
  get message(): string {
    return stateOf(this).message;
  }
  get code(): number {
    return CODES[stateOf(this).name]?.[1] ?? 0;
  }
} as unknown as { new (message?: string, options?: string | { name?: string; cause?: unknown }): DOMException; prototype: DOMException } & Record<string, number>;

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: "DOMException", configurable: true });
for (const key of ["name", "message", "code"]) Object.defineProperty(DOMException.prototype, key, { enumerable: true });
for (const [constant, value] of Object.values(CODES)) {
  const descriptor = { value, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(DOMException, constant, descriptor);
  Object.defineProperty(DOMException.prototype, constant, descriptor);
}

export function domException(message: string, name: string): DOMException {
  return new DOMException(message, name);
}
