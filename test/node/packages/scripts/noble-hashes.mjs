import { sha256 } from "@noble/hashes/sha2.js";
import { sha3_256 } from "@noble/hashes/sha3.js";
import { blake2b } from "@noble/hashes/blake2.js";
import { hmac } from "@noble/hashes/hmac.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
console.log(bytesToHex(sha256(utf8ToBytes("abc"))), bytesToHex(sha3_256(utf8ToBytes("abc"))));
console.log(bytesToHex(blake2b(utf8ToBytes("abc"), { dkLen: 16 })), bytesToHex(hmac(sha256, utf8ToBytes("k"), utf8ToBytes("m"))));
