"""First and last names for demo customers and agents (France's common names, some English)."""

from __future__ import annotations

FR_FEMALE: tuple[str, ...] = (
    "Léa", "Camille", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Jade", "Louise", "Alice",
    "Juliette", "Clara", "Lucie", "Pauline", "Marine", "Julie", "Laura", "Mathilde", "Élodie",
    "Céline", "Sophie", "Nathalie", "Isabelle", "Sandrine", "Valérie", "Christine", "Catherine",
    "Martine", "Sylvie", "Françoise", "Monique", "Nicole", "Brigitte", "Anne", "Claire", "Aurélie",
    "Émilie", "Audrey", "Stéphanie", "Virginie", "Hélène", "Agnès", "Margaux", "Océane", "Anaïs",
    "Yasmine", "Nadia", "Fatima", "Leïla", "Amina", "Mélanie", "Charlotte", "Zoé", "Lina",
    "Maëlys", "Josiane", "Danielle", "Odile", "Bernadette", "Solène",
)  # fmt: skip
FR_MALE: tuple[str, ...] = (
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Thomas", "Nicolas", "Julien",
    "Maxime", "Antoine", "Alexandre", "Romain", "Kévin", "Mathieu", "Sébastien", "Guillaume",
    "Pierre", "Philippe", "Jean", "Michel", "Alain", "Patrick", "Christophe", "Laurent",
    "Stéphane", "Olivier", "Frédéric", "Éric", "Didier", "Bernard", "Gérard", "Daniel", "François",
    "Benoît", "Thierry", "Vincent", "David", "Karim", "Mehdi", "Yanis", "Rayan", "Mohamed",
    "Samir", "Jean-Marc", "Jean-Pierre", "Loïc", "Yann", "Gaël", "Baptiste", "Théo", "Enzo",
    "Noah", "Adam", "Mathis", "Clément", "Quentin", "Florian", "Damien", "Cédric",
)  # fmt: skip
FR_LAST: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
    "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez",
    "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
    "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
    "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
    "Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc",
    "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq",
    "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis",
    "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez",
    "Berger", "Lecomte", "Menard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît",
    "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet",
    "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons",
    "Paul", "Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barre", "Marty",
    "Benali", "Haddad", "Diallo", "Traoré", "Cissé", "Bensaïd", "Mansouri", "Benmoussa",
    "Kowalski", "Ferreira", "Pereira", "Tran", "Le Goff", "Kerbrat", "Le Bihan", "N'Diaye",
)  # fmt: skip
EN_FEMALE: tuple[str, ...] = (
    "Emily", "Olivia", "Sophie", "Jessica", "Hannah", "Charlotte", "Amelia", "Grace", "Lucy",
    "Ella", "Chloe", "Megan", "Rachel", "Sarah", "Laura", "Emma", "Kate", "Rebecca", "Helen",
    "Alice", "Zoe", "Ruby", "Isla", "Mia", "Eleanor", "Victoria", "Anna", "Claire", "Fiona",
    "Jennifer",
)  # fmt: skip
EN_MALE: tuple[str, ...] = (
    "James", "Oliver", "Jack", "Harry", "George", "Thomas", "William", "Daniel", "Matthew",
    "David", "Michael", "Andrew", "Peter", "Paul", "Mark", "Richard", "Robert", "John", "Chris",
    "Samuel", "Benjamin", "Joseph", "Edward", "Henry", "Alexander", "Ryan", "Liam", "Noah",
    "Ethan", "Simon",
)  # fmt: skip
EN_LAST: tuple[str, ...] = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
    "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
    "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
    "Price", "Bennett", "Young", "Griffiths", "O'Brien", "Murphy", "Kelly", "Campbell", "Stewart",
)  # fmt: skip
