"""The log filter keeps WeChat's and WeCom's access tokens and app secrets out of every line."""

import logging

from bot.common.logs import RedactSecrets


def record(message: str, *args: object) -> logging.LogRecord:
    return logging.LogRecord("x", logging.WARNING, __file__, 1, message, args, None)


def test_access_tokens_and_secrets_in_api_urls_are_redacted():
    line = record("GET %s failed", "https://api.weixin.qq.com/cgi-bin/media/get?access_token=ACCESS-123&media_id=M1")
    RedactSecrets().filter(line)
    assert "ACCESS-123" not in line.getMessage() and "media_id=M1" in line.getMessage()
    token = record("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=S3CRET")
    RedactSecrets().filter(token)
    assert "S3CRET" not in token.getMessage() and "corpid=ww1" in token.getMessage()
