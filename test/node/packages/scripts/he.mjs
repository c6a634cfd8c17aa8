import * as he from "he";
console.log(he.encode("foo © bar ≠ baz 𝌆 qux <>"), he.decode("&lt;p&gt; &copy; &#x1D306; &amp;amp;"), he.escape("<img src='x'>"));
