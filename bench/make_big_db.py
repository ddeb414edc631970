"""Write a big PlanDesk database for the GUI benchmarks: 300 plans, 60,000 tasks.

One plan (the first of the newest year) has exactly 2,000 tasks; the others share the rest.
Rows go in with executemany inside one transaction (a bench tool: SQL is fine here).

    python bench/make_big_db.py /tmp/plandesk-big.db [--plans 300] [--tasks 60000] [--big 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.store.open import open_database  # noqa: E402
from models.text import deadlines  # noqa: E402

ORGS = [
    "青山镇",
    "白沙镇",
    "石桥镇",
    "柳溪乡",
    "红旗街道",
    "县司法局",
    "县农业农村局",
    "县应急管理局",
    "县教育局",
    "县卫生健康局",
    "桃源镇",
    "金竹乡",
]
KINDS = [("plan", "年度工作计划"), ("points", "工作要点")]
SECTION_HEADS = [
    "加强党的建设",
    "推动经济高质量发展",
    "全面推进乡村振兴",
    "持续改善人居环境",
    "保障和改善民生",
    "维护社会和谐稳定",
    "深化重点领域改革",
    "加强政府自身建设",
    "筑牢安全生产防线",
    "推进法治政府建设",
    "做好生态环境保护",
    "提升基层治理能力",
]
SUB_HEADS = [
    "压实工作责任",
    "突出工作重点",
    "健全工作机制",
    "强化督查考核",
    "加强宣传引导",
    "补齐短板弱项",
    "狠抓工作落实",
]
VERBS = [
    "扎实推进",
    "全面落实",
    "持续深化",
    "加快推进",
    "着力抓好",
    "认真开展",
    "切实加强",
    "稳步推进",
    "统筹做好",
    "深入实施",
]
OBJECTS = [
    "农村人居环境整治提升",
    "高标准农田建设",
    "基层党组织标准化规范化建设",
    "安全生产专项整治",
    "乡村振兴重点项目建设",
    "矛盾纠纷排查化解",
    "森林防火宣传和巡查",
    "义务教育优质均衡发展",
    "城乡居民医疗保障服务",
    "河长制湖长制工作",
    "耕地保护和撂荒地整治",
    "村级集体经济发展",
    "防汛抗旱物资储备",
    "食品药品安全监管",
    "普法宣传进村入户",
    "政务服务事项网上办理",
]
TAILS = [
    "，确保按期完成年度目标任务。",
    "，全年完成率达到95%以上。",
    "，建立健全长效管理机制。",
    "，群众满意度明显提升。",
    "，每季度开展一次督导检查；",
    "，形成可复制可推广的经验做法。",
]
UNITS = [
    "镇党政办",
    "镇农业农村办",
    "镇财政所",
    "镇应急办",
    "镇综治中心",
    "镇社会事务办",
    "镇自然资源所",
    "镇经济发展办",
    "镇规划建设办",
    "镇卫生院",
]
LEADERS = ["张镇长", "李书记", "王副镇长", "赵副书记", "刘委员", "陈副镇长"]
PEOPLE = ["周明", "吴芳", "郑伟", "孙丽", "钱涛", "冯静"]
DEADLINES = ["3月底前", "6月底前", "9月底前", "年底前", "第二季度", "第三季度", "全年", "11月中旬"]
TARGETS = [None, "完成率100%", "覆盖率达到90%", "新增3个", "培训200人次", None]
STATUSES = ["not_started", "in_progress", "done", "suspended"]


def task_text(rng: random.Random) -> str:
    return rng.choice(VERBS) + rng.choice(OBJECTS) + rng.choice(TAILS)


def build(path: Path, plans: int, tasks: int, big: int, seed: int = 7) -> dict[str, int]:
    """Create the database at ``path`` (must not exist); returns counts and the big plan id."""
    rng = random.Random(seed)
    db = open_database(path)
    years = list(range(2026, 2018, -1))
    due_cache: dict[tuple[str, int], str | None] = {}
    plan_rows: list[tuple] = []
    node_rows: list[tuple] = []
    rest = tasks - big
    per_plan = [rest // (plans - 1)] * (plans - 1)
    for i in range(rest % (plans - 1)):
        per_plan[i] += 1
    per_plan.insert(0, big)
    node_id = 0
    big_plan_id = 1
    for plan_index, task_count in enumerate(per_plan):
        plan_id = plan_index + 1
        year = years[0] if plan_index == 0 else years[plan_index % len(years)]
        org = rng.choice(ORGS)
        kind, kind_word = rng.choice(KINDS)
        plan_rows.append(
            (
                plan_id,
                f"{org}{year}年{kind_word}",
                year,
                org,
                kind,
                f"{year}年，{org}将坚持以习近平新时代中国特色社会主义思想为指导，"
                "全面落实上级决策部署，奋力推动各项工作再上新台阶。",
            )
        )
        n_top = 10 if task_count >= 1000 else 6
        n_sub = 5 if task_count >= 1000 else 3
        leaves = n_top * n_sub
        quota = [task_count // leaves] * leaves
        for i in range(task_count % leaves):
            quota[i] += 1
        leaf = 0
        for top in range(n_top):
            node_id += 1
            top_id = node_id
            node_rows.append(
                (
                    top_id,
                    plan_id,
                    None,
                    top,
                    "section",
                    SECTION_HEADS[(top + plan_index) % len(SECTION_HEADS)],
                    "",
                    "sentences",
                    "。",
                    "",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    "not_started",
                    0,
                )
            )
            for sub in range(n_sub):
                node_id += 1
                sub_id = node_id
                node_rows.append(
                    (
                        sub_id,
                        plan_id,
                        top_id,
                        sub,
                        "section",
                        SUB_HEADS[(sub + top) % len(SUB_HEADS)],
                        "",
                        "numbered",
                        "。",
                        "",
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        None,
                        "not_started",
                        0,
                    )
                )
                for pos in range(quota[leaf]):
                    node_id += 1
                    deadline = rng.choice(DEADLINES)
                    key = (deadline, year)
                    if key not in due_cache:
                        due_cache[key] = deadlines.due_date_from_text(deadline, year)
                    status = rng.choice(STATUSES)
                    progress = {"done": 100, "not_started": 0}.get(status, rng.randint(5, 95))
                    node_rows.append(
                        (
                            node_id,
                            plan_id,
                            sub_id,
                            pos,
                            "task",
                            "",
                            "",
                            None,
                            None,
                            task_text(rng),
                            rng.choice(LEADERS),
                            rng.choice(UNITS),
                            "、".join(rng.sample(UNITS, 2)),
                            rng.choice(PEOPLE),
                            deadline,
                            due_cache[key],
                            rng.choice(TARGETS),
                            status,
                            progress,
                        )
                    )
                leaf += 1
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO plans (id, title, year, organization, kind, preamble) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            plan_rows,
        )
        conn.executemany(
            "INSERT INTO nodes (id, plan_id, parent_id, position, kind, heading, body, "
            "task_style, run_in, text, lead_leader, owner_unit, co_units, owner_person, "
            "deadline, due_date, target, status, progress) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            node_rows,
        )
    n_tasks = int(db.scalar("SELECT count(*) FROM nodes WHERE kind = 'task'"))
    n_nodes = int(db.scalar("SELECT count(*) FROM nodes"))
    db.close()
    return {"plans": len(plan_rows), "tasks": n_tasks, "nodes": n_nodes, "big_plan": big_plan_id}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default="/tmp/plandesk-big.db")
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=60_000)
    parser.add_argument("--big", type=int, default=2_000, help="tasks of the first plan")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args()
    path = Path(args.path)
    if path.exists():
        if not args.force:
            print(f"{path} exists (use --force)", file=sys.stderr)
            return 1
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    start = time.perf_counter()
    counts = build(path, args.plans, args.tasks, args.big)
    seconds = time.perf_counter() - start
    print(
        f"{path}: {counts['plans']} plans, {counts['tasks']} tasks ({counts['nodes']} nodes), "
        f"big plan id {counts['big_plan']}, {seconds:.1f} s, "
        f"{path.stat().st_size / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
