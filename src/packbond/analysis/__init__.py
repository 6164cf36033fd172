"""Reading a finished run as a modeller: the comparison with the seed's canon, the
demography of a replicate and the ecology check over an ensemble.
"""
