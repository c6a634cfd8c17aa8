const CryptoJS = require("crypto-js");
console.log(CryptoJS.SHA256("hello").toString(), CryptoJS.MD5("hello").toString());
console.log(CryptoJS.HmacSHA512("msg", "key").toString(CryptoJS.enc.Base64));
const key = CryptoJS.enc.Hex.parse("000102030405060708090a0b0c0d0e0f"), iv = CryptoJS.enc.Hex.parse("0f0e0d0c0b0a09080706050403020100");
const enc = CryptoJS.AES.encrypt("secret message", key, { iv });
console.log(enc.toString(), CryptoJS.AES.decrypt(enc.toString(), key, { iv }).toString(CryptoJS.enc.Utf8));
console.log(CryptoJS.PBKDF2("pw", "salt", { keySize: 4, iterations: 10 }).toString());
