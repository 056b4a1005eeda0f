"""A plan part whose tasks are headed 一是…, 二是… on lines of their own reads them as its tasks
(outline.item_sections); a numbered paragraph hard-wrapped mid-sentence is joined (text.paragraphs).
Both found by the user-acceptance review of 2026-12-04."""
from compare.ingest import ingest_text
from compare.ingest.outline import item_sections
from compare.schema import Section
from compare.store.reviews import ReviewEntry, Reviews, Row, reattach
from compare.text import content_id, paragraphs, quoted
from tests.support import DATA, STORE, local2

BREAKS = ["^各位代表"]

# 盐田区 2021's 2021年主要工作任务 (reports/2021/盐田区-gov-work-report.source.txt), its first two
# tasks cut to their first sentences
LEADS = [
    "2021年，我们将重点抓好以下八个方面工作：",
    "一是坚定不移实施产业兴盐，加快推动产业结构优化升级。",
    "以深化供给侧结构性改革为主线，立足盐田实际，加快推动航运服务、生命健康、黄金珠宝、"
    "滨海旅游等产业高质量发展。",
    "大力推动工业经济稳中提质。聚焦工业占GDP比重持续下滑，特别是黄金珠宝产业增速放缓、"
    "先进制造业支撑不足等问题，实施工业企业培优扶强计划，推动规上工业增加值增长5.0%以上。",
    "二是坚定不移优化发展环境，有效激发各类市场主体活力。",
    "充分发挥市场在资源配置中的决定性作用，构建亲清政商关系，激发各类市场主体活力。",
    "招大商招优商招好商。瞄准世界500强、中国500强总部企业和金融服务类总部、高成长性科技企业，"
    "大力开展产业链招商、以商招商、定向招商。",
    "各位代表，奋斗创造历史，实干成就未来。",
]


def plan(pars: list[str]) -> Section:
    return Section(id="s3", label="", level=1, heading="2021年主要工作任务", role="plan",
                   paragraphs=pars)


def test_lead_items_become_the_parts_tasks():
    s = item_sections(plan(LEADS), BREAKS)
    assert s.paragraphs == LEADS[:1] and s.items == []
    assert [(c.id, c.label, c.heading, c.level) for c in s.children] == [
        ("s3.1", "一是", "坚定不移实施产业兴盐，加快推动产业结构优化升级", 2),
        ("s3.2", "二是", "坚定不移优化发展环境，有效激发各类市场主体活力", 2)]
    assert s.children[0].paragraphs == LEADS[2:4]
    # the last task runs to the part's end (the closing 各位代表 holds no measure: measure_stops)
    assert s.children[1].paragraphs == LEADS[5:]


def test_item_paragraphs_that_are_not_leads_stay_paragraphs():
    # 盐田区 2022's （一）: each 一是 paragraph is a task with its measures, not a heading
    tasks = ["一是巩固提升国际航运枢纽港地位。加快盐田港东港区超大型深水泊位建设。",
             "二是大力发展现代海洋服务业。落实深圳提升航运国际竞争力三年行动计划。"]
    assert item_sections(plan(tasks), BREAKS).children == []
    # a lead without paragraphs of its own (国务院 2002's 一是采取更有力的措施…)
    assert item_sections(plan(LEADS[:3] + LEADS[4:]), BREAKS).children != []
    assert item_sections(plan(LEADS[:2] + LEADS[4:]), BREAKS).children == []
    # a lead not ended by 。 (国务院 2002's 一是采取更有力的措施，…切实减轻农民负担)
    bare = LEADS[1].rstrip("。")
    assert item_sections(plan([bare if p == LEADS[1] else p for p in LEADS]), BREAKS).children == []
    # a run that does not begin at 一是, or skips a number
    assert item_sections(plan([p.replace("一是", "三是") for p in LEADS]), BREAKS).children == []
    # a lead longer than a heading, or of two sentences
    long = LEADS[1].replace("。", "，" + "推动" * 30 + "。")
    assert item_sections(plan([long if p == LEADS[1] else p for p in LEADS]), BREAKS).children == []
    two = LEADS[1] + "加快推动。"
    assert item_sections(plan([two if p == LEADS[1] else p for p in LEADS]), BREAKS).children == []


# 国务院 2000's 八、: the items are those of a sub-heading without a label, and another follows them
NESTED = [
    "进一步加强廉政建设和反腐败斗争。",
    "我们的政府是人民的政府，廉洁从政是对各级政府最起码的要求。",
    "一是继续严格执行中央关于廉政准则等有关规定，切实加强领导干部廉洁自律工作。",
    "各级政府工作人员必须遵纪守法，特别是领导干部要严格廉洁自律，并管好自己的亲属和身边工作人员。",
    "二是严肃查处各类违法违纪案件，集中力量突破一批大案要案。",
    "重点查办各级政府机关和县处级以上领导干部的违纪违法案件。",
    "三是继续大力纠正部门和行业不正之风。",
    "重点解决群众关心和反映强烈的突出问题。要加强监督监察，严格执纪执法。",
    "厉行勤俭节约，反对奢侈浪费。",
    "在新的形势下，要继续发扬勤俭建国、勤俭办一切事业的优良作风。",
]


def test_a_sub_headings_items_are_not_the_parts_tasks():
    assert item_sections(plan(NESTED), BREAKS).children == []
    # without the sub-heading after them they are
    assert len(item_sections(plan(NESTED[:8]), BREAKS).children) == 3
    # an aim right after the last lead is that task's (盐田区 2021's 八是 / 面对新形势新要求，…)
    aim = "面对新形势新要求，必须坚持把党的领导贯穿于政府工作各领域、全过程，加快转变政府职能。"
    assert len(item_sections(plan(NESTED[2:7] + [aim] + NESTED[7:8]), BREAKS).children) == 3


def test_a_part_going_on_past_a_break_keeps_its_items():
    # 国务院 2000's 七、: its three tasks, then 各位代表！ and the part's other matters, which the
    # last task would take in
    seven = ["一是依法扩大社会保险的覆盖面和提高保险费征缴率。",
             "在城镇强制推行以养老、失业、医疗为重点的社会保险。",
             "二是完善失业保险制度，加快劳动力市场建设。",
             "逐步使下岗职工由企业再就业服务中心保障基本生活，转向享受失业保险，走向劳动力市场就业。",
             "三是积极推进养老保险社会化管理和服务。",
             "逐步做到退休人员与企业事业单位相脱离，尽快实现养老金社会化发放。",
             "各位代表！",
             "维护社会稳定和国家安全，是推进改革开放和现代化建设的基本条件。"]
    assert item_sections(plan(seven), BREAKS).children == []
    assert len(item_sections(plan(seven[:-1]), BREAKS).children) == 3


def yantian_2021():
    source = STORE / "2021" / "盐田区-gov-work-report.source.txt"
    return ingest_text(source.read_text(encoding="utf-8"), kind="gov-work-report")


def test_yantian_2021s_measures_fall_under_its_eight_tasks():
    report = yantian_2021()
    part = next(s for s in report.sections if s.heading == "2021年主要工作任务")
    assert part.role == "plan"
    assert [c.label for c in part.children] == [f"{n}是" for n in "一二三四五六七八"]
    assert part.children[0].heading == "坚定不移实施产业兴盐，加快推动产业结构优化升级"
    assert all(c.role == "plan" for c in part.children)
    rows = [c for c in report.commitments if c.section_id.startswith("s3")]
    by_task = {c.id: [r for r in rows if r.section_id == c.id] for c in part.children}
    assert all(by_task.values()) and sum(map(len, by_task.values())) == len(rows) > 100
    first = by_task["s3.1"]
    assert first[0].label_path == ["", "一是"] and first[0].paragraph == 1
    assert any(r.text.startswith("聚焦工业占GDP比重持续下滑") for r in first)
    # ¶ and offset still find each row's words in its task (the plan sheet's 所在句子)
    sections = {s.id: s for s, _ in report.walk()}
    for r in rows:
        s = sections[r.section_id]
        par = s.heading if r.paragraph == 0 else s.paragraphs[r.paragraph - 1]
        assert r.text[:8] in par[r.start:], r.text


def test_a_reviews_items_stay_items():
    """国务院 2003's review heads its （三）'s paragraphs with 一是…六是 leads too
    (一是推进农业结构调整。 / 通过政策支持、…): only a plan part's become tasks (its measures'
    rows); a review's stay items."""
    report = ingest_text((DATA / "gov-work-report-archive" / "国务院政府工作报告-2003.txt")
                         .read_text(encoding="utf-8"), kind="gov-work-report")
    farming = next(s for s, _ in report.walk() if s.heading.startswith("坚持把解决“三农”问题"))
    assert farming.role == "review" and farming.children == []
    assert [i.label for i in farming.items] == [f"{n}是" for n in "一二三四五六"]


def test_a_review_stored_before_the_tasks_follows_its_row_with_a_warning():
    """Measure ids are scoped by their section's label path: moved into a task, a measure's id
    changes, and a review stored under the old one is re-attached by its text, said in a warning."""
    report = yantian_2021()
    row = next(c for c in report.commitments if c.section_id == "s3.2")
    old = content_id("m", row.text, scope="", seen={})  # its id in 2021年主要工作任务 itself
    assert old != row.id
    given = ReviewEntry(status="delivered", note="已完成", text=row.text,
                        section="2021年主要工作任务")
    reviews = Reviews(region="盐田区", kind="gov-work-report", old_year=2021, new_year=2022,
                      commitments={old: given})
    headings = {s.id: s.heading for s, _ in report.walk()}
    current = {"commitments": {c.id: Row(c.text, headings[c.section_id])
                               for c in report.commitments}}
    moved, warnings = reattach(reviews, current)
    assert moved.commitments == {row.id: given}
    assert warnings == [f"commitments: the review of {old} is re-attached to {row.id}, whose text "
                        f"matches it best (100%): {quoted(row.text, 30)}"]


# 国务院 2023 (reports/2023/国务院-gov-work-report.source.txt lines 185–187): a numbered paragraph
# broken twice mid-sentence, the agreement's name on a line of its own
CPTPP = ["（四）更大力度吸引和利用外资。扩大市场准入，加大现代服务业领域开放力度。"
         "落实好外资企业国民待遇。积极推动加入",
         "全面与进步跨太平洋伙伴关系协定",
         "（CPTPP）等高标准经贸协议，主动对照相关规则、规制、管理、标准，稳步扩大制度型开放。"]


def test_a_numbered_paragraph_wrapped_mid_sentence_is_joined():
    assert paragraphs("\n".join(CPTPP)) == ["".join(CPTPP)]
    # broken once, before the bracket no paragraph opens with
    assert paragraphs(CPTPP[0] + CPTPP[1] + "\n" + CPTPP[2]) == ["".join(CPTPP)]
    report = ingest_text((STORE / "2023" / "国务院-gov-work-report.source.txt")
                         .read_text(encoding="utf-8"), kind="gov-work-report")
    texts = [c.text for c in report.commitments]
    assert any(t.startswith("积极推动加入全面与进步跨太平洋伙伴关系协定（CPTPP）等高标准经贸协议")
               for t in texts)
    assert not any(t.startswith("（CPTPP）") for t in texts)


def test_a_heading_line_stays_a_heading():
    # a heading without a 。 (a line of its own) is not continued; nor is a numbered paragraph
    # missing its last 。 before a paragraph of its own (国务院 1987's 三、…的重要保证 / 我国的…。;
    # the readers drop the blank line between)
    assert paragraphs("二、2022年工作安排\n全面与进步跨太平洋伙伴关系协定") == [
        "二、2022年工作安排", "全面与进步跨太平洋伙伴关系协定"]
    ended = ("三、深入改革经济体制和扩大对外开放国民经济的长期稳定发展，既要靠坚持正确的建设方针，"
             "又要靠深入改革和扩大对外开放。也是进一步顺利推进现代化经济建设的重要保证")
    after = "我国的经济体制改革，必须适应在社会主义公有制基础上发展有计划商品经济的要求。"
    assert paragraphs(f"{ended}\n{after}") == [ended, after]


def test_a_heading_wrapped_where_no_line_ends_goes_on():
    """涞源县 2021 (tests/data/local-gov-work-report-2, lines 13–15): a heading broken after its 、
    is one heading, and its part's first paragraph opens on its own sentence; a label alone on its
    line (国务院 1986: 一、 / 继续增加能源、…的投资。) stays apart from its item's line."""
    wrapped = ["一、回顾“十三五”，我们以脱贫攻坚为统揽，坚定前行、",
               "砥砺奋进，全面建成小康社会取得决定性成就",
               "“十三五”时期是涞源发展史上具有里程碑意义的五年。"]
    assert paragraphs("\n".join(wrapped)) == ["".join(wrapped[:2]), wrapped[2]]
    item = "继续增加能源、交通、通信和原材料等基础设施和基础工业的投资。"
    assert paragraphs(f"一、\n{item}") == ["一、", item]
    report = ingest_text(local2("涞源县", 2021).read_text(encoding="utf-8"),
                         kind="gov-work-report")
    assert report.sections[0].heading.endswith("坚定前行、砥砺奋进，全面建成小康社会取得决定性成就")
    assert report.sections[0].paragraphs[0].startswith("“十三五”时期是涞源发展史上")
