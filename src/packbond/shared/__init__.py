"""What several mechanics share: the verbs on a wolf's body (wounds, shifting), ties,
mating, fighting, standing, departure, grievance, places, scent and childcare.

A system never imports another system; what two systems both need lives here.
"""
