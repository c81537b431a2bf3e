"""The check of maison.telephone: phone numbers written in one block, or with dots."""
import re

from inclusicheck.checks import Hit, check

# ten digits starting with 0, in one block or in pairs separated by dots (a final dot ends the sentence)
PHONE = re.compile(r"(?<![\d.])0[1-9](?:\d{8}|(?:\.\d\d){4})(?!\.?\d)")


@check()  # no engine needed: the DOM's text blocks are always there (needs={"nlp"} for spaCy)
def phone_numbers(doc, params, ctx):
    for block in doc.blocks:
        for m in PHONE.finditer(block.text):
            digits = m.group(0).replace(".", "")
            size = params["grouping"]
            grouped = " ".join(digits[i:i + size] for i in range(0, len(digits), size))
            yield Hit(block=block, span=m.span(), suggestion=grouped,
                      message_key="dots" if "." in m.group(0) else "default",
                      data={"match": m.group(0)})  # the params ({grouping}) fill the message too
