"""``make bench`` measures what its tables say it measures."""

from bench.cold import cold_renders


def test_each_cold_render_of_the_matrix_renders_it_from_the_database(shipped_content, client):
    """BENCHMARKS.md's cold renders: with only the shared page cache emptied, every render after the first came
    from the process's own copy (no query) and the table showed that copy's time."""
    times, queries, response = cold_renders(client, "/compare/", 3)
    assert len(times) == 3
    assert queries[1] == queries[2] > 0
    assert b'id="matrix"' in response.content
