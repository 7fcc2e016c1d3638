"""Records (docs/json.md) as Jupyter display data: text/plain, and text/html where richer."""
import html
import math

# Tensors up to this many elements also show as an HTML table.
HTML_TABLE_LIMIT = 400


def value_bundle(record):
    """The MIME bundle of a `value` record: its text, and a table for a small 1-D or 2-D tensor."""
    bundle = {"text/plain": record["text"]}
    if record.get("type") == "tensor" and record["shape"] and len(record["shape"]) <= 2:
        count = math.prod(record["shape"])
        if 0 < count <= HTML_TABLE_LIMIT:
            bundle["text/html"] = tensor_table(record)
    return bundle


def numbers(record):
    """The tensor's numbers in row-major order, with NaN and the infinities put back."""
    flat = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        else:
            flat.append(value)

    walk(record["value"])
    for spelling, indices in record.get("nonfinite", {}).items():
        for index in indices:
            flat[index] = float(spelling)
    return flat


def number_text(x):
    """A number at eight significant digits, as conv shows it."""
    if isinstance(x, float) and math.isnan(x):
        return "nan"
    if isinstance(x, float) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{x:.8g}"


def tensor_table(record):
    shape = record["shape"]
    flat = numbers(record)
    columns = shape[-1]
    rows = [flat[start:start + columns] for start in range(0, len(flat), columns)]
    caption = f"tensor[{', '.join(map(str, shape))}]"
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(number_text(x))}</td>" for x in row) + "</tr>" for row in rows)
    return (f'<table class="conv-tensor"><caption style="text-align:left">{caption}</caption>'
            f"<tbody>{body}</tbody></table>")


def figure_bundle(record):
    """An explain figure or a plot: the SVG, with the text for frontends that show no images."""
    return {"image/svg+xml": record["svg"], "text/plain": record["text"]}
