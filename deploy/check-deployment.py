#!/usr/bin/env python3
"""Offline consistency checks of Mission Control's deployment descriptors. Run by .ci/check-deployment.sh.

Source of truth: deploy/images/<module>.properties (the Jib settings of each service image: main class, port),
checked against the modules themselves (pom.xml, src/main/resources/<module>.yml) and then against
docker-compose.yml, k8s/overlays/{dev,prod} and k8s/infra as rendered by kustomize, and the secrets generator.

Needs PyYAML and, in the environment, MC_KUSTOMIZE (a command that renders a kustomization directory given as its
last argument, e.g. "kubectl kustomize") and MC_OPENSSL (openssl). Prints one line per failed check and a summary;
exits 1 if anything failed.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
SECRET_NAME = re.compile(r"(PASSWORD|TOKEN|SECRET|PRIVATE_KEY|CREDENTIAL)", re.IGNORECASE)
LIVENESS = "/actuator/health/liveness"
READINESS = "/actuator/health/readiness"
OVERLAYS = ("dev", "prod")

failures = []
passed = 0
notes = []


def check(condition, message):
    """Records one check; message describes the problem when the condition is false."""
    global passed
    if condition:
        passed += 1
    else:
        failures.append(message)
        print(f"FAIL: {message}", flush=True)
    return condition


def note(message):
    notes.append(message)


def path(*parts):
    return os.path.join(ROOT, *parts)


def rel(p):
    return os.path.relpath(p, ROOT)


def read_properties(file):
    props = {}
    with open(file, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(("#", "!")) or "=" not in line:
                continue
            key, value = line.split("=", 1)
            props[key.strip()] = value.strip()
    return props


def port_of(value):
    """A port from an int, "8082", or a Spring placeholder with a default like "${SERVER_PORT:8082}"."""
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+)\s*", value) or re.fullmatch(r"\$\{[A-Za-z0-9_.-]+:(\d+)\}", value.strip())
        if m:
            return int(m.group(1))
    return None


# ------------------------------------------------------------------------------------------------------------------
# 1. Maven: modules, image registry, the `images` profile, and the image table in deploy/images/.

def load_maven():
    tree = ET.parse(path("pom.xml"))
    root = tree.getroot()
    modules = [m.text.strip() for m in root.findall("m:modules/m:module", POM_NS)]
    registry = root.findtext("m:properties/m:image.registry", namespaces=POM_NS)
    version = root.findtext("m:version", namespaces=POM_NS)
    check(registry, "pom.xml: property image.registry is missing")
    check(version, "pom.xml: project version is missing")

    profile = None
    for p in root.findall("m:profiles/m:profile", POM_NS):
        if p.findtext("m:id", namespaces=POM_NS) == "images":
            profile = p
    if check(profile is not None, "pom.xml: Maven profile 'images' (Jib) is missing"):
        active = profile.findtext("m:activation/m:activeByDefault", namespaces=POM_NS)
        check(active is None or active.strip() != "true",
              "pom.xml: profile 'images' must not be active by default (it pulls a base image)")
        text = ET.tostring(profile, encoding="unicode")
        check("jib-maven-plugin" in text, "pom.xml: profile 'images' does not configure jib-maven-plugin")
        check("deploy/images/" in text, "pom.xml: profile 'images' does not read deploy/images/<module>.properties")
        check("${mc.image.main-class}" in text and "${mc.image.port}" in text,
              "pom.xml: profile 'images' must take mainClass and port from deploy/images/<module>.properties")
        check("${image.registry}/${project.artifactId}:${project.version}" in text,
              "pom.xml: Jib target image must be ${image.registry}/${project.artifactId}:${project.version}")
    # Set at build time from the properties files; a pom value would be interpolated first and win.
    pom_text = open(path("pom.xml"), encoding="utf-8").read()
    for prop in ("jib.skip", "mc.image.main-class", "mc.image.port"):
        check(f"<{prop}>" not in pom_text,
              f"pom.xml: <{prop}> must not be declared in the pom (it comes from deploy/images/*.properties)")
    return modules, registry, version


def load_images(modules):
    """{module: {"port": int, "main": str}} from deploy/images/*.properties, validated against the modules."""
    images = {}
    directory = path("deploy", "images")
    defaults = os.path.join(directory, "defaults.properties")
    if check(os.path.isfile(defaults), "deploy/images/defaults.properties is missing"):
        check(read_properties(defaults).get("jib.skip") == "true",
              "deploy/images/defaults.properties must set jib.skip=true (modules are skipped unless listed)")
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".properties") or name == "defaults.properties":
            continue
        module = name[: -len(".properties")]
        props = read_properties(os.path.join(directory, name))
        where = f"deploy/images/{name}"
        pom = path(module, "pom.xml")
        if not check(os.path.isfile(pom), f"{where}: module directory '{module}' with a pom.xml does not exist"):
            continue
        artifact = ET.parse(pom).getroot().findtext("m:artifactId", namespaces=POM_NS)
        check(artifact == module, f"{module}/pom.xml: artifactId '{artifact}' differs from the directory name")
        check(module in modules, f"{where}: '{module}' is not a <module> of the root pom.xml")
        check(props.get("jib.skip") == "false", f"{where}: must set jib.skip=false")
        main = props.get("mc.image.main-class", "")
        check(re.fullmatch(r"[a-z_][\w]*(\.[a-z_][\w]*)*\.[A-Z]\w*", main or ""),
              f"{where}: mc.image.main-class '{main}' is not a fully qualified class name")
        port = port_of(props.get("mc.image.port"))
        if not check(port is not None, f"{where}: mc.image.port is missing or not a number"):
            continue
        images[module] = {"port": port, "main": main}

        java_root = path(module, "src", "main", "java")
        if os.path.isdir(java_root) and main:
            source = os.path.join(java_root, *main.split(".")) + ".java"
            check(os.path.isfile(source), f"{where}: main class {main} not found at {rel(source)}")
        else:
            note(f"{module}: no src/main/java yet, main class {main} not checked")

        config = path(module, "src", "main", "resources", f"{module}.yml")
        if os.path.isfile(config):
            docs = [d for d in yaml.safe_load_all(open(config, encoding="utf-8")) if isinstance(d, dict)]
            declared = next((d["server"]["port"] for d in docs
                             if isinstance(d.get("server"), dict) and "port" in d["server"]), None)
            if declared is None:
                note(f"{rel(config)}: no server.port, port {port} not compared")
            else:
                check(port_of(declared) == port,
                      f"{rel(config)}: server.port {declared} differs from {port} in {where}")
            database = next((d["mc"]["database"] for d in docs
                             if isinstance(d.get("mc"), dict) and "database" in d["mc"]), None)
            if database:
                images[module]["database"] = str(database)
        else:
            note(f"{module}: no src/main/resources/{module}.yml yet, server.port not compared")
    check(images, "deploy/images/ lists no service image")
    return images


def load_topics():
    source = path("contracts", "src", "main", "java", "io", "missioncontrol", "contracts", "Topics.java")
    if not os.path.isfile(source):
        note("contracts Topics.java not found: topic lists not compared")
        return None
    topics = re.findall(r'static\s+final\s+String\s+\w+\s*=\s*"([^"]+)"', open(source, encoding="utf-8").read())
    check(topics, "Topics.java: no topic constants found")
    return set(topics) | {t + ".dlt" for t in topics}


# ------------------------------------------------------------------------------------------------------------------
# 2. docker-compose.yml

VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def compose_value(value, where):
    """Resolves compose interpolation with the defaults written in the file (the environment is ignored)."""
    if not isinstance(value, str):
        return value

    def sub(m):
        name, op, default = m.group(1), m.group(2), m.group(3)
        if op in (":-", "-"):
            return default
        check(False, f"{where}: ${{{name}}} has no default value")
        return ""

    return VAR.sub(sub, value.replace("$$", "\0")).replace("\0", "$")


def split_image(image):
    """'reg.io/org/name:tag' -> ('reg.io/org', 'name', 'tag')."""
    name, tag = image, ""
    if ":" in image.rsplit("/", 1)[-1]:
        name, tag = image.rsplit(":", 1)
    registry, _, short = name.rpartition("/")
    return registry, short, tag


def as_env(environment):
    if isinstance(environment, dict):
        return {str(k): ("" if v is None else str(v)) for k, v in environment.items()}
    result = {}
    for item in environment or []:
        key, _, value = str(item).partition("=")
        result[key] = value
    return result


def check_compose(images, registry, topics, generated):
    file = path("docker-compose.yml")
    if not check(os.path.isfile(file), "docker-compose.yml is missing"):
        return {}
    try:
        compose = yaml.safe_load(open(file, encoding="utf-8"))
    except yaml.YAMLError as e:
        check(False, f"docker-compose.yml does not parse as YAML: {e}")
        return {}
    services = compose.get("services") if isinstance(compose, dict) else None
    if not check(isinstance(services, dict) and services, "docker-compose.yml: no services"):
        return {}

    ports = {}          # compose service -> port, for the image modules
    seen = set()
    for name, svc in services.items():
        where = f"docker-compose.yml: service {name}"
        check(isinstance(svc, dict), f"{where}: not a mapping")
        image = compose_value(svc.get("image"), where)
        if not check(image, f"{where}: no image (images are built by Jib, not by compose)"):
            continue
        check("build" not in svc, f"{where}: must use a built image, not 'build'")
        reg, module, tag = split_image(image)
        env = {k: compose_value(v, where) for k, v in as_env(svc.get("environment")).items()}

        # Memory limit for everything.
        limits = (((svc.get("deploy") or {}).get("resources") or {}).get("limits") or {})
        check(limits.get("memory") or svc.get("mem_limit"), f"{where}: no memory limit")

        for key in env:
            check(not SECRET_NAME.search(key), f"{where}: secret-like variable {key} set inline; use an env_file")
        for env_file in svc.get("env_file") or []:
            env_path = env_file if isinstance(env_file, str) else env_file.get("path", "")
            if check(env_path.startswith("deploy/secrets/"),
                     f"{where}: env_file {env_path} is not under deploy/secrets/"):
                check(os.path.basename(env_path) in generated,
                      f"{where}: env_file {env_path} is not written by deploy/generate-secrets.sh")

        depends = svc.get("depends_on") or {}
        check(isinstance(depends, dict), f"{where}: depends_on needs the long form with a condition")
        for dep, cond in depends.items() if isinstance(depends, dict) else []:
            check(dep in services, f"{where}: depends_on unknown service {dep}")
            condition = (cond or {}).get("condition")
            check(condition in ("service_healthy", "service_completed_successfully"),
                  f"{where}: depends_on {dep} should wait for service_healthy, not {condition}")
            if condition == "service_healthy" and dep in services:
                check((services[dep] or {}).get("healthcheck"), f"{where}: depends on {dep} being healthy, "
                                                                 f"but {dep} has no healthcheck")

        if reg != registry:
            check(not svc.get("ports"), f"{where}: only the gateway publishes ports")
            continue

        # One of ours: <image.registry>/<module>:<tag>.
        if not check(module in images, f"{where}: image {image} names module '{module}', which has no "
                                       f"deploy/images/{module}.properties (or no such module exists)"):
            continue
        check(os.path.isfile(path(module, "pom.xml")), f"{where}: module directory {module}/ with pom.xml missing")
        check(tag, f"{where}: image {image} has no tag")
        check(module not in seen, f"docker-compose.yml: module {module} runs in more than one service")
        seen.add(module)
        port = images[module]["port"]
        ports[name] = port
        check(env.get("SERVER_PORT") == str(port), f"{where}: SERVER_PORT is {env.get('SERVER_PORT')}, expected {port}")
        for exposed in svc.get("expose") or []:
            check(str(exposed).split("/")[0] == str(port), f"{where}: exposes {exposed}, expected {port}")
        health = svc.get("healthcheck") or {}
        test = " ".join(health.get("test") or []) if isinstance(health.get("test"), list) else str(health.get("test"))
        if check(health and not health.get("disable"), f"{where}: no healthcheck"):
            check(READINESS in test or LIVENESS in test, f"{where}: healthcheck does not call {READINESS}")
            check("SERVER_PORT" in test or str(port) in test, f"{where}: healthcheck does not use port {port}")

        database = env.get("DB_NAME")
        if database:
            expected = images[module].get("database")
            if expected:
                check(database == expected, f"{where}: DB_NAME {database}, but {module}.yml says mc.database {expected}")
            check(env.get("DB_USERNAME") == database,
                  f"{where}: DB_USERNAME must equal DB_NAME ({database}): the init script creates that role")
            check(database in compose_databases(), f"{where}: DB_NAME {database} is not created by "
                                                   f"deploy/postgres/initdb")
            check(env.get("KAFKA_BOOTSTRAP_SERVERS", "").split(":")[0] in services,
                  f"{where}: KAFKA_BOOTSTRAP_SERVERS does not name a compose service")
            check(env.get("DB_HOST") in services, f"{where}: DB_HOST does not name a compose service")

        published = svc.get("ports") or []
        if module == "gateway-service":
            # The gateway reads agent keys from Kafka (its credential cache) and needs the topic to exist.
            check(env.get("KAFKA_BOOTSTRAP_SERVERS", "").split(":")[0] in services,
                  f"{where}: KAFKA_BOOTSTRAP_SERVERS does not name a compose service (the credential cache reads Kafka)")
            check("kafka-topics" in (svc.get("depends_on") or {}),
                  f"{where}: must depend on kafka-topics (its credential cache reads mc.credentials)")
            targets = []
            for p in published:
                spec = compose_value(p, where)
                targets.append(str(spec.get("target")) if isinstance(spec, dict) else str(spec).split(":")[-1].split("/")[0])
            check(targets == [str(port)], f"{where}: must publish exactly its port {port}, publishes {targets}")
        else:
            check(not published, f"{where}: only the gateway publishes ports, this one publishes {published}")

    check(seen == set(images), f"docker-compose.yml: services for {sorted(set(images) - seen)} are missing")

    # URLs between services: http://<service>:<port> must name a service and its port.
    for name, svc in services.items():
        for key, value in as_env((svc or {}).get("environment")).items():
            for host, port in re.findall(r"https?://([a-z0-9-]+):(\d+)", value):
                if check(host in services, f"docker-compose.yml: {name} {key} points to unknown service {host}"):
                    if host in ports:
                        check(int(port) == ports[host], f"docker-compose.yml: {name} {key} uses port {port}, "
                                                        f"{host} listens on {ports[host]}")

    # Topics declared by the one-shot kafka-topics service.
    topic_service = services.get("kafka-topics")
    if topics is not None and check(topic_service, "docker-compose.yml: service kafka-topics is missing"):
        env = as_env(topic_service.get("environment"))
        declared = set(env.get("MC_TOPICS", "").split())
        declared |= {t + ".dlt" for t in declared}
        check(declared == topics, f"docker-compose.yml: kafka-topics MC_TOPICS {sorted(declared)} differs from "
                                  f"Topics.java {sorted(topics)}")
        for name, svc in services.items():
            partitions = as_env((svc or {}).get("environment")).get("MC_KAFKA_PARTITIONS")
            if partitions is not None:
                check(partitions == env.get("MC_TOPIC_PARTITIONS"),
                      f"docker-compose.yml: {name} MC_KAFKA_PARTITIONS {partitions} differs from kafka-topics "
                      f"MC_TOPIC_PARTITIONS {env.get('MC_TOPIC_PARTITIONS')}")
    return ports


_initdb = None


def compose_databases():
    global _initdb
    if _initdb is None:
        _initdb = set()
        directory = path("deploy", "postgres", "initdb")
        for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
            for m in re.finditer(r"for\s+db\s+in\s+([a-z0-9_ ]+);", open(os.path.join(directory, name)).read()):
                _initdb |= set(m.group(1).split())
    return _initdb


# ------------------------------------------------------------------------------------------------------------------
# 3. deploy/generate-secrets.sh

def check_secrets_generator(openssl):
    """Runs the generator into a temporary directory; returns the names of the files it writes."""
    script = path("deploy", "generate-secrets.sh")
    if not check(os.path.isfile(script), "deploy/generate-secrets.sh is missing"):
        return set()
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run(["bash", script, "--out", out], capture_output=True, text=True, timeout=60)
        if not check(run.returncode == 0, f"deploy/generate-secrets.sh failed: {run.stderr.strip()}"):
            return set()
        files = set(os.listdir(out))
        for required in ("admin-token", "internal-token-private.pem", "internal-token-public.pem",
                         "gateway-service.env", "internal-token-public.env", "postgres.env"):
            check(required in files, f"deploy/generate-secrets.sh does not write {required}")
        read = lambda n: open(os.path.join(out, n), encoding="utf-8").read() if n in files else ""
        token = read("admin-token")
        check(len(token) >= 50 and token.strip() == token, "admin-token must be >= 50 characters, no newline")
        private, public = read("internal-token-private.pem"), read("internal-token-public.pem")
        check(private.startswith("-----BEGIN PRIVATE KEY-----"), "internal-token-private.pem is not PKCS#8 PEM")
        check(public.startswith("-----BEGIN PUBLIC KEY-----"), "internal-token-public.pem is not an X.509 public key PEM")
        derived = subprocess.run([openssl, "pkey", "-in", os.path.join(out, "internal-token-private.pem"), "-pubout"],
                                 capture_output=True, text=True)
        check(derived.returncode == 0 and derived.stdout == public, "internal-token-public.pem does not match the private key")
        rsa = subprocess.run([openssl, "rsa", "-in", os.path.join(out, "internal-token-private.pem"), "-noout", "-check"],
                             capture_output=True, text=True)
        check(rsa.returncode == 0 and "RSA key ok" in rsa.stdout, "internal-token-private.pem is not a valid RSA key")

        def env_file(name):
            values = {}
            for line in read(name).splitlines():
                if line and not line.startswith("#") and "=" in line:
                    k, v = line.split("=", 1)
                    if len(v) >= 2 and v[0] == v[-1] == '"':
                        v = v[1:-1].replace("\\n", "\n")   # Compose v2 expands \n in double quotes
                    values[k] = v
            return values

        gateway = env_file("gateway-service.env")
        check(gateway.get("MC_ADMIN_TOKEN") == token, "gateway-service.env: MC_ADMIN_TOKEN differs from admin-token")
        check(gateway.get("MC_INTERNAL_TOKEN_PRIVATE_KEY") == private,
              "gateway-service.env: MC_INTERNAL_TOKEN_PRIVATE_KEY does not decode to the PEM file")
        check(env_file("internal-token-public.env").get("MC_INTERNAL_TOKEN_PUBLIC_KEY") == public,
              "internal-token-public.env: MC_INTERNAL_TOKEN_PUBLIC_KEY does not decode to the PEM file")
        pg = env_file("postgres.env")
        check(pg.get("POSTGRES_PASSWORD"), "postgres.env: POSTGRES_PASSWORD missing")
        for db in sorted(compose_databases()):
            password = read(f"db-password-{db}")
            check(password and pg.get(f"MC_DB_PASSWORD_{db.upper()}") == password,
                  f"postgres.env: MC_DB_PASSWORD_{db.upper()} missing or differs from db-password-{db}")
        for name in files:
            if name.endswith("-service.env") and name != "gateway-service.env":
                db_password = env_file(name).get("DB_PASSWORD")
                check(db_password and db_password in pg.values(),
                      f"{name}: DB_PASSWORD is not one of the passwords given to PostgreSQL")
        check(".gitignore" in files, "deploy/generate-secrets.sh must keep its output out of git (.gitignore)")
        return files


# ------------------------------------------------------------------------------------------------------------------
# 4. Kubernetes (kustomize)

def render(kustomize, directory):
    command = shlex.split(kustomize) + [path(directory)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if not check(run.returncode == 0, f"{directory}: kustomize does not render: {run.stderr.strip()[:2000]}"):
        return []
    return [d for d in yaml.safe_load_all(run.stdout) if isinstance(d, dict)]


def by_kind(docs, kind):
    return {d["metadata"]["name"]: d for d in docs if d.get("kind") == kind}


def check_infra(docs, topics):
    kafka = by_kind(docs, "Kafka")
    clusters = by_kind(docs, "Cluster")
    info = {"bootstrap": set(), "db_host": set(), "databases": {}, "role_secrets": set(),
            "topic_partitions": set(), "topic_replicas": set()}
    if check(len(kafka) == 1, f"k8s/infra: expected one Strimzi Kafka, found {sorted(kafka)}"):
        name, cr = next(iter(kafka.items()))
        check(cr["apiVersion"].startswith("kafka.strimzi.io/"), "k8s/infra: Kafka is not a Strimzi resource")
        for listener in (cr.get("spec", {}).get("kafka", {}).get("listeners") or []):
            if not listener.get("tls"):
                info["bootstrap"].add(f"{name}-kafka-bootstrap:{listener.get('port')}")
        pools = by_kind(docs, "KafkaNodePool")
        check(pools, "k8s/infra: no KafkaNodePool")
        for pool_name, pool in pools.items():
            check(pool["metadata"].get("labels", {}).get("strimzi.io/cluster") == name,
                  f"k8s/infra: KafkaNodePool {pool_name} does not belong to Kafka {name}")
        kafka_topics = by_kind(docs, "KafkaTopic")
        for topic_name, topic in kafka_topics.items():
            check(topic["metadata"].get("labels", {}).get("strimzi.io/cluster") == name,
                  f"k8s/infra: KafkaTopic {topic_name} does not belong to Kafka {name}")
            info["topic_partitions"].add(topic.get("spec", {}).get("partitions"))
            info["topic_replicas"].add(topic.get("spec", {}).get("replicas"))
        declared = {t.get("spec", {}).get("topicName") or n for n, t in kafka_topics.items()}
        if topics is not None:
            check(declared == topics, f"k8s/infra: KafkaTopics {sorted(declared)} differ from Topics.java and "
                                      f"their .dlt twins {sorted(topics)}")
    if check(len(clusters) == 1, f"k8s/infra: expected one CloudNativePG Cluster, found {sorted(clusters)}"):
        name, cluster = next(iter(clusters.items()))
        check(cluster["apiVersion"].startswith("postgresql.cnpg.io/"), "k8s/infra: Cluster is not CloudNativePG")
        info["db_host"].add(f"{name}-rw")
        for role in (cluster.get("spec", {}).get("managed", {}).get("roles") or []):
            info["role_secrets"].add((role.get("name"), (role.get("passwordSecret") or {}).get("name")))
        for db_name, db in by_kind(docs, "Database").items():
            spec = db.get("spec", {})
            check(spec.get("cluster", {}).get("name") == name, f"k8s/infra: Database {db_name} is not in cluster {name}")
            info["databases"][spec.get("name")] = spec.get("owner")
    for d in docs:
        check(d.get("kind") != "Secret", f"k8s/infra renders a Secret ({d['metadata']['name']}): secrets are never committed")
    return info


def check_overlay(overlay, docs, images, registry, infra):
    where = f"k8s/overlays/{overlay}"
    deployments = by_kind(docs, "Deployment")
    services = by_kind(docs, "Service")
    configmaps = by_kind(docs, "ConfigMap")
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in by_kind(docs, "HorizontalPodAutoscaler").values()}
    namespaces = {d["metadata"].get("namespace") for d in docs if d.get("kind") not in ("Namespace",)}
    check(len(namespaces) == 1 and None not in namespaces, f"{where}: resources in namespaces {namespaces}, expected one")

    for d in docs:
        check(d.get("kind") != "Secret", f"{where}: renders a Secret ({d['metadata']['name']}): secrets are never committed")
    for name, cm in configmaps.items():
        for key in (cm.get("data") or {}):
            check(not SECRET_NAME.search(key), f"{where}: ConfigMap {name} holds secret-like key {key}")

    config = {}
    for cm in configmaps.values():
        config.update(cm.get("data") or {})

    seen = set()
    for name, dep in deployments.items():
        dwhere = f"{where}: Deployment {name}"
        pod = dep["spec"]["template"]["spec"]
        containers = pod.get("containers") or []
        if not check(len(containers) == 1, f"{dwhere}: expected one container"):
            continue
        c = containers[0]
        reg, module, tag = split_image(c.get("image", ""))
        if not check(reg == registry and module in images,
                     f"{dwhere}: image {c.get('image')} is not {registry}/<module> of a module in deploy/images/"):
            continue
        check(os.path.isfile(path(module, "pom.xml")), f"{dwhere}: module directory {module}/ with pom.xml missing")
        check(tag, f"{dwhere}: image has no tag")
        check(module == name, f"{dwhere}: runs image of {module}; name Deployments after their module")
        seen.add(module)
        port = images[module]["port"]

        container_ports = {p.get("name"): p.get("containerPort") for p in c.get("ports") or []}
        check(list(container_ports.values()) == [port],
              f"{dwhere}: containerPorts {list(container_ports.values())}, expected [{port}]")

        def probe_ok(kind, expected_path):
            probe = c.get(kind) or {}
            get = probe.get("httpGet") or {}
            probe_port = get.get("port")
            resolved = container_ports.get(probe_port) if isinstance(probe_port, str) else probe_port
            check(get.get("path") == expected_path, f"{dwhere}: {kind} path {get.get('path')}, expected {expected_path}")
            check(resolved == port, f"{dwhere}: {kind} port {probe_port} is not the container port {port}")

        probe_ok("livenessProbe", LIVENESS)
        probe_ok("readinessProbe", READINESS)
        if c.get("startupProbe"):
            probe_ok("startupProbe", LIVENESS)

        env = {e["name"]: e for e in c.get("env") or []}
        check((env.get("SERVER_PORT") or {}).get("value") == str(port), f"{dwhere}: env SERVER_PORT must be {port}")
        for key, e in env.items():
            if SECRET_NAME.search(key):
                check("valueFrom" in e and "secretKeyRef" in e["valueFrom"],
                      f"{dwhere}: {key} must come from a Secret (secretKeyRef), not a literal or ConfigMap")
        for source in c.get("envFrom") or []:
            ref = (source.get("configMapRef") or {}).get("name")
            check("secretRef" not in source, f"{dwhere}: envFrom a whole Secret; reference single keys instead")
            if ref:
                check(ref in configmaps, f"{dwhere}: envFrom ConfigMap {ref} is not rendered")

        resources = c.get("resources") or {}
        requests, limits = resources.get("requests") or {}, resources.get("limits") or {}
        check(requests.get("cpu") and requests.get("memory") and limits.get("memory"),
              f"{dwhere}: needs cpu/memory requests and a memory limit")
        pod_sc, c_sc = pod.get("securityContext") or {}, c.get("securityContext") or {}
        check(pod_sc.get("runAsNonRoot") or c_sc.get("runAsNonRoot"), f"{dwhere}: runAsNonRoot is not set")
        check(c_sc.get("allowPrivilegeEscalation") is False, f"{dwhere}: allowPrivilegeEscalation must be false")

        svc = services.get(name)
        if check(svc, f"{where}: Service {name} is missing"):
            selector = svc["spec"].get("selector") or {}
            labels = dep["spec"]["template"]["metadata"].get("labels") or {}
            check(selector and all(labels.get(k) == v for k, v in selector.items()),
                  f"{where}: Service {name} selector {selector} does not match the pods of Deployment {name}")
            for sp in svc["spec"].get("ports") or []:
                target = sp.get("targetPort")
                resolved = container_ports.get(target) if isinstance(target, str) else target
                check(resolved == port, f"{where}: Service {name} targetPort {target} is not {port}")
                check(sp.get("port") == port, f"{where}: Service {name} port {sp.get('port')}, expected {port}")

        database_env = env.get("DB_NAME")
        if database_env:
            database = database_env.get("value")
            expected = images[module].get("database")
            if expected:
                check(database == expected, f"{dwhere}: DB_NAME {database}, but {module}.yml says mc.database {expected}")
            if infra["databases"]:
                check(database in infra["databases"], f"{dwhere}: database {database} is not declared in k8s/infra")
            secrets = {k: ((env.get(k) or {}).get("valueFrom") or {}).get("secretKeyRef", {}).get("name")
                       for k in ("DB_USERNAME", "DB_PASSWORD")}
            owner = infra["databases"].get(database)
            if owner:
                check((owner, secrets["DB_PASSWORD"]) in infra["role_secrets"],
                      f"{dwhere}: DB_PASSWORD comes from {secrets['DB_PASSWORD']}, but k8s/infra gives role "
                      f"{owner} its password from another Secret")
            check(secrets["DB_USERNAME"] == secrets["DB_PASSWORD"],
                  f"{dwhere}: DB_USERNAME and DB_PASSWORD must come from the same basic-auth Secret")
            hpa = hpas.get(name)
            if check(hpa, f"{where}: business service {name} has no HorizontalPodAutoscaler"):
                lo, hi = hpa["spec"].get("minReplicas", 1), hpa["spec"]["maxReplicas"]
                check(1 <= lo <= hi, f"{where}: HPA {name} minReplicas {lo} > maxReplicas {hi}")
                partitions = config.get("MC_KAFKA_PARTITIONS")
                if partitions and partitions.isdigit():
                    check(hi <= int(partitions), f"{where}: HPA {name} maxReplicas {hi} exceeds MC_KAFKA_PARTITIONS "
                                                 f"{partitions}: extra consumers would idle")
                check("replicas" not in dep["spec"], f"{dwhere}: spec.replicas fights the HPA; leave it out")

    check(seen == set(images), f"{where}: Deployments for {sorted(set(images) - seen)} are missing")
    for target in hpas:
        check(target in deployments, f"{where}: HPA targets unknown Deployment {target}")

    # Service URLs and infrastructure addresses in the ConfigMaps.
    for key, value in config.items():
        for host, port in re.findall(r"https?://([a-z0-9-]+):(\d+)", value):
            if check(host in services, f"{where}: {key} points to unknown Service {host}"):
                check(int(port) in [p.get("port") for p in services[host]["spec"].get("ports") or []],
                      f"{where}: {key} uses port {port}, Service {host} does not offer it")
    if infra["bootstrap"]:
        check(config.get("KAFKA_BOOTSTRAP_SERVERS") in infra["bootstrap"],
              f"{where}: KAFKA_BOOTSTRAP_SERVERS {config.get('KAFKA_BOOTSTRAP_SERVERS')} is not the plain "
              f"bootstrap of k8s/infra {sorted(infra['bootstrap'])}")
        # Each ConfigMap on its own: the merged view above would hide a gateway pointed at another cluster.
        for name, cm in configmaps.items():
            value = (cm.get("data") or {}).get("KAFKA_BOOTSTRAP_SERVERS")
            if value is not None:
                check(value in infra["bootstrap"], f"{where}: ConfigMap {name} KAFKA_BOOTSTRAP_SERVERS {value} is "
                                                   f"not the plain bootstrap of k8s/infra {sorted(infra['bootstrap'])}")
    # The gateway's credential cache reads Kafka: its container must get the bootstrap servers.
    gateway = deployments.get("gateway-service")
    if gateway:
        c = (gateway["spec"]["template"]["spec"].get("containers") or [{}])[0]
        names = {e.get("name") for e in c.get("env") or []}
        for source in c.get("envFrom") or []:
            ref = (source.get("configMapRef") or {}).get("name")
            if ref in configmaps:
                names |= set((configmaps[ref].get("data") or {}).keys())
        check("KAFKA_BOOTSTRAP_SERVERS" in names,
              f"{where}: Deployment gateway-service gets no KAFKA_BOOTSTRAP_SERVERS (its credential cache reads Kafka)")
    if infra["db_host"]:
        check(config.get("DB_HOST") in infra["db_host"],
              f"{where}: DB_HOST {config.get('DB_HOST')} is not the read-write service {sorted(infra['db_host'])}")
    if infra["topic_partitions"] and config.get("MC_KAFKA_PARTITIONS"):
        check({str(p) for p in infra["topic_partitions"]} == {config["MC_KAFKA_PARTITIONS"]},
              f"{where}: MC_KAFKA_PARTITIONS {config['MC_KAFKA_PARTITIONS']} differs from the KafkaTopics "
              f"{sorted(infra['topic_partitions'])}")
    if infra["topic_replicas"] and config.get("MC_KAFKA_REPLICATIONFACTOR"):
        check({str(p) for p in infra["topic_replicas"]} == {config["MC_KAFKA_REPLICATIONFACTOR"]},
              f"{where}: MC_KAFKA_REPLICATIONFACTOR differs from the KafkaTopics' replicas")


def main():
    kustomize = os.environ.get("MC_KUSTOMIZE", "kubectl kustomize")
    openssl = os.environ.get("MC_OPENSSL", "openssl")

    modules, registry, _ = load_maven()
    images = load_images(modules)
    topics = load_topics()
    generated = check_secrets_generator(openssl)
    check_compose(images, registry, topics, generated)

    infra_docs = render(kustomize, "k8s/infra")
    infra = check_infra(infra_docs, topics)
    infra_namespaces = {d["metadata"].get("namespace") for d in infra_docs}
    for overlay in OVERLAYS:
        docs = render(kustomize, f"k8s/overlays/{overlay}")
        if docs:
            check_overlay(overlay, docs, images, registry, infra)
            overlay_ns = {d["metadata"].get("namespace") for d in docs if d.get("kind") != "Namespace"}
            check(overlay_ns == infra_namespaces or not infra_namespaces,
                  f"k8s/overlays/{overlay}: namespace {overlay_ns} differs from k8s/infra {infra_namespaces}")

    for n in notes:
        print(f"note: {n}")
    table = ", ".join("%s:%d" % (m, i["port"]) for m, i in sorted(images.items(), key=lambda x: x[1]["port"]))
    print(f"service images and ports: {table}")
    print(f"check-deployment: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
