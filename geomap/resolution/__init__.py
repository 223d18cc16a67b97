"""Parts of place resolution that are data or named records: the weights and thresholds
(:mod:`.weights`, read from ``geomap/data/resolve_weights.toml`` with the reason and the corpus
figure that set each one), the score features (:mod:`.features`, a registry in the order a
candidate's ``features`` list them) and the acceptance checks (:mod:`.checks`, each returning
its reason). :mod:`geomap.resolve` runs them.
"""
