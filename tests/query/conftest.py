from tests.query.minikb import mini_ids, mini_store  # noqa: F401  (fixtures)
