/** The WHATWG host parser: domains (to ASCII), IPv4 (with its hex/octal forms), IPv6, opaque hosts. */
import { C0_CONTROL_SET, domainToASCII, encodeString, percentDecode } from "./url-encoding.js";

const FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\u0000-\u001f #%/:<>?@[\\\]^|\u007f]/;

/** A host, serialized; `null` when the input is not a valid host. */
export function parseHost(input: string, opaque: boolean): string | null {
  if (input.startsWith("[")) {
    if (!input.endsWith("]")) return null;
    const address = parseIPv6(input.slice(1, -1));
    return address ? `[${serializeIPv6(address)}]` : null;
  }
  if (opaque) {
    if (FORBIDDEN_HOST.test(input)) return null;
    return encodeString(input, C0_CONTROL_SET);
  }
  const domain = percentDecode(input);
  const ascii = domainToASCII(domain);
  if (ascii === null || ascii === "" || FORBIDDEN_DOMAIN.test(ascii)) return null;
  if (endsInANumber(ascii)) {
    const ipv4 = parseIPv4(ascii);
    return ipv4 === null ? null : serializeIPv4(ipv4);
  }
  return ascii;
}

function endsInANumber(input: string): boolean {
  const parts = input.split(".");
  if (parts[parts.length - 1] === "") {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1]!;
  if (last !== "" && /^[0-9]+$/.test(last)) return true;
  return parseIPv4Number(last) !== null;
}

function parseIPv4Number(input: string): number | null {
  if (input === "") return null;
  let radix = 10;
  let digits = input;
  if (/^0x/i.test(digits)) {
    radix = 16;
    digits = digits.slice(2);
  } else if (digits.length >= 2 && digits.startsWith("0")) {
    radix = 8;
    digits = digits.slice(1);
  }
  if (digits === "") return 0;
  const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  return parseInt(digits, radix);
}

function parseIPv4(input: string): number | null {
  const parts = input.split(".");
  if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  for (let i = 0; i < numbers.length - 1; i++) if (numbers[i]! > 255) return null;
  const last = numbers[numbers.length - 1]!;
  if (last >= 256 ** (5 - numbers.length)) return null;
  let ipv4 = last;
  for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i]! * 256 ** (3 - i);
  return ipv4;
}

function serializeIPv4(address: number): string {
  const parts: number[] = [];
  for (let i = 0; i < 4; i++) {
    parts.unshift(address % 256);
    address = Math.floor(address / 256);
  }
  return parts.join(".");
}

function parseIPv6(input: string): number[] | null {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress: number | null = null;
  let pointer = 0;
  const at = (i: number) => input[i];
  const isHex = (c: string | undefined) => c !== undefined && /[0-9a-f]/i.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  if (at(pointer) === ":") {
    if (at(pointer + 1) !== ":") return null;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (at(pointer) !== undefined) {
    if (pieceIndex === 8) return null;
    if (at(pointer) === ":") {
      if (compress !== null) return null;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && isHex(at(pointer))) {
      value = value * 16 + parseInt(at(pointer)!, 16);
      pointer++;
      length++;
    }
    if (at(pointer) === ".") {
      if (length === 0) return null;
      pointer -= length;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (at(pointer) !== undefined) {
        let piece: number | null = null;
        if (numbersSeen > 0) {
          if (at(pointer) === "." && numbersSeen < 4) pointer++;
          else return null;
        }
        if (!isDigit(at(pointer))) return null;
        while (isDigit(at(pointer))) {
          const n = Number(at(pointer));
          if (piece === null) piece = n;
          else if (piece === 0) return null;
          else piece = piece * 10 + n;
          if (piece > 255) return null;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex]! * 0x100 + piece!;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (at(pointer) === ":") {
      pointer++;
      if (at(pointer) === undefined) return null;
    } else if (at(pointer) !== undefined) return null;
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const other = compress + swaps - 1;
      [address[pieceIndex], address[other]] = [address[other]!, address[pieceIndex]!];
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) return null;
  return address;
}

function serializeIPv6(address: number[]): string {
  // The first longest run of two or more zero pieces is compressed.
  let compress: number | null = null;
  let best = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > best) {
      best = j - i;
      compress = i;
    }
    i = j === i ? i + 1 : j;
  }
  let output = "";
  let ignoreZero = false;
  for (let i = 0; i < 8; i++) {
    if (ignoreZero && address[i] === 0) continue;
    ignoreZero = false;
    if (compress === i) {
      output += i === 0 ? "::" : ":";
      ignoreZero = true;
      continue;
    }
    output += address[i]!.toString(16);
    if (i !== 7) output += ":";
  }
  return output;
}
