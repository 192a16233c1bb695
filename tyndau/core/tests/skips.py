"""The skip allow-list of CI (``.ci/allowed-skips.txt``), read by the root conftest."""


def allowed_skips(path) -> list[tuple[str, str]]:
    allowed = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.split("#", 1)[0].strip()
            if line:
                test, _sep, words = line.partition("|")
                allowed.append((test.strip(), words.strip()))
    return allowed


def unexpected_skips(skips, allowed) -> list[tuple[str, str]]:
    return [
        (test, reason)
        for test, reason in skips
        if not any(test.startswith(prefix) and words in reason for prefix, words in allowed)
    ]
