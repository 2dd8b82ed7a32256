//! Unit tests of `_json`, run through the interpreter.

use crate::objects::testutil::run_ok;

#[test]
fn scanstring_escapes_and_positions() {
    let out = run_ok(
        "import _json\n\
         print(_json.scanstring('\"a\\\\n\\\\u00e9\\\\ud83d\\\\ude00\"', 1))\n\
         print(ascii(_json.scanstring('\"\\\\ud800x\"', 1)[0]))\n\
         for s in ['\"abc', '\"\\\\x\"', '\"\\\\u12\"', '\"a\\x01\"']:\n\
         \x20   try:\n\
         \x20       _json.scanstring(s, 1)\n\
         \x20   except ValueError as e:\n\
         \x20       print(type(e).__name__, e)\n\
         print(_json.scanstring('\"a\\x01\"', 1, False))\n",
    );
    assert_eq!(
        out,
        "('a\\né😀', 23)\n'\\ud800x'\n\
         JSONDecodeError Unterminated string starting at: line 1 column 1 (char 0)\n\
         JSONDecodeError Invalid \\escape: line 1 column 2 (char 1)\n\
         JSONDecodeError Invalid \\uXXXX escape: line 1 column 3 (char 2)\n\
         JSONDecodeError Invalid control character at: line 1 column 3 (char 2)\n\
         ('a\\x01', 4)\n"
    );
}

#[test]
fn scanner_and_encoder_round_trip() {
    let out = run_ok(
        "import json, json.scanner, json.encoder\n\
         print(json.scanner.make_scanner.__module__, json.encoder.c_make_encoder.__name__)\n\
         v = json.loads('{\"a\": [1, 2.5, -0, 1e2, true, null, \"\\\\u00e9\"], \"b\": {}}')\n\
         print(v)\n\
         print(json.dumps(v), json.dumps(v, ensure_ascii=False))\n\
         print(json.dumps({2: 1, 1.5: 2, None: 3, True: 4}, sort_keys=False))\n\
         try:\n    json.loads('[1 2]')\n\
         except ValueError as e:\n    print(e)\n",
    );
    assert_eq!(
        out,
        "_json Encoder\n\
         {'a': [1, 2.5, 0, 100.0, True, None, 'é'], 'b': {}}\n\
         {\"a\": [1, 2.5, 0, 100.0, true, null, \"\\u00e9\"], \"b\": {}} {\"a\": [1, 2.5, 0, 100.0, true, null, \"é\"], \"b\": {}}\n\
         {\"2\": 1, \"1.5\": 2, \"null\": 3, \"true\": 4}\n\
         Expecting ',' delimiter: line 1 column 4 (char 3)\n"
    );
}

#[test]
fn deep_nesting_is_a_recursion_error() {
    let out = run_ok(
        "import json\n\
         try:\n    json.loads('[' * 100000 + ']' * 100000)\n\
         except RecursionError:\n    print('decode')\n\
         x = []\n\
         for _ in range(100000):\n    x = [x]\n\
         try:\n    json.dumps(x)\n\
         except RecursionError:\n    print('encode')\n",
    );
    assert_eq!(out, "decode\nencode\n");
}
