/* Generated from acr-rules.json by build-aux/extract-rules-strings.
 * Do not edit: run the script again when the bundle changes.
 * Only xgettext reads this file; it is not compiled. */

/* Translators: rules bundle, title */
/* xgettext:no-c-format */
N_("ACR membership rules (from the College's membership page)");
/* Translators: rules bundle, categories[0].name */
/* xgettext:no-c-format */
N_("General member");
/* Translators: rules bundle, categories[0].description */
/* xgettext:no-c-format */
N_("Physicians and medical physicists certified in a radiological discipline.");
/* Translators: rules bundle, categories[0].criteria[0].explanation */
/* xgettext:no-c-format */
N_("A physician certified by the American Board of Radiology or the American Osteopathic Board of Radiology (both certify radiological disciplines only). In the United States or Canada.");
/* Translators: rules bundle, categories[0].criteria[1].explanation */
/* xgettext:no-c-format */
N_("A physician certified in a radiological discipline by the Royal College of Physicians and Surgeons of Canada or the Collège des médecins du Québec. In the United States or Canada.");
/* Translators: rules bundle, categories[0].criteria[2].explanation */
/* xgettext:no-c-format */
N_("A physician engaged in nuclear medicine and certified by an ABMS member board or its Canadian equivalent. In the United States or Canada.");
/* Translators: rules bundle, categories[0].criteria[3].explanation */
/* xgettext:no-c-format */
N_("A medical physicist certified by the ABR or an equivalent board. In the United States or Canada.");
/* Translators: rules bundle, categories[1].name */
/* xgettext:no-c-format */
N_("Associate member");
/* Translators: rules bundle, categories[1].description */
/* xgettext:no-c-format */
N_("Physicians and medical physicists in practice who are not certified by the boards general membership requires.");
/* Translators: rules bundle, categories[1].criteria[0].explanation */
/* xgettext:no-c-format */
N_("A physician practising radiology who completed an approved radiology residency but is not certified by the ABR, the AOBR, the RCPSC or the CMQ. In the United States or Canada.");
/* Translators: rules bundle, categories[1].criteria[1].explanation */
/* xgettext:no-c-format */
N_("A physician engaged in nuclear medicine who is not certified by an ABMS member board or its Canadian equivalent. In the United States or Canada.");
/* Translators: rules bundle, categories[1].criteria[2].explanation */
/* xgettext:no-c-format */
N_("A medical physicist practising medical physics who is not certified by the ABR or an equivalent board. In the United States or Canada.");
/* Translators: rules bundle, categories[2].name */
/* xgettext:no-c-format */
N_("Allied health member");
/* Translators: rules bundle, categories[2].description */
/* xgettext:no-c-format */
N_("MRI scientists, registered radiologist assistants certified by the ARRT, and physicians not practising radiology.");
/* Translators: rules bundle, categories[2].criteria[0].explanation */
/* xgettext:no-c-format */
N_("An MRI scientist.");
/* Translators: rules bundle, categories[2].criteria[1].explanation */
/* xgettext:no-c-format */
N_("A registered radiologist assistant certified by the ARRT.");
/* Translators: rules bundle, categories[2].criteria[2].explanation */
/* xgettext:no-c-format */
N_("A physician of another specialty, not engaged in the practice of radiology.");
/* Translators: rules bundle, categories[2].criteria[3].explanation */
/* xgettext:no-c-format */
N_("A physician who is not engaged in practice (and so not in the practice of radiology).");
/* Translators: rules bundle, categories[3].name */
/* xgettext:no-c-format */
N_("Member-in-training");
/* Translators: rules bundle, categories[3].description */
/* xgettext:no-c-format */
N_("Residents, fellows, medical students and physics students in the United States or Canada.");
/* Translators: rules bundle, categories[3].criteria[0].explanation */
/* xgettext:no-c-format */
N_("A physician in an approved radiology residency or fellowship in the United States or Canada.");
/* Translators: rules bundle, categories[3].criteria[0].all[5].note, categories[3].criteria[1].all[5].note, categories[3].criteria[2].all[3].note, categories[3].criteria[3].all[5].note */
/* xgettext:no-c-format */
N_("Member-in-training status ends six months after training is completed.");
/* Translators: rules bundle, categories[3].criteria[1].explanation */
/* xgettext:no-c-format */
N_("A medical student in an accredited (LCME) medical school in the United States or Canada; no enrolment verification is needed for a student in good standing, and the student need not have chosen radiology yet.");
/* Translators: rules bundle, categories[3].criteria[2].explanation */
/* xgettext:no-c-format */
N_("A medical or therapy physicist registered in a formal educational programme in medical physics in the United States or Canada.");
/* Translators: rules bundle, categories[3].criteria[3].explanation */
/* xgettext:no-c-format */
N_("An international medical graduate (ECFMG-certified) who matched and began a U.S. residency in a radiological discipline.");
/* Translators: rules bundle, categories[4].name */
/* xgettext:no-c-format */
N_("International member-in-training");
/* Translators: rules bundle, categories[4].description */
/* xgettext:no-c-format */
N_("Medical students, graduates awaiting a U.S. match, residents, fellows and physics students outside the United States and Canada.");
/* Translators: rules bundle, categories[4].criteria[0].explanation */
/* xgettext:no-c-format */
N_("A medical student at a medical school of four years or more outside the United States and Canada, in good ethical standing.");
/* Translators: rules bundle, categories[4].criteria[0].all[5].note, categories[4].criteria[2].all[7].note, categories[4].criteria[3].all[5].note */
/* xgettext:no-c-format */
N_("International member-in-training status ends six months after training is completed.");
/* Translators: rules bundle, categories[4].criteria[1].explanation */
/* xgettext:no-c-format */
N_("An international medical graduate certified by the ECFMG and waiting to match into a U.S. residency in a radiological discipline, in good ethical standing.");
/* Translators: rules bundle, categories[4].criteria[2].explanation */
/* xgettext:no-c-format */
N_("A physician who was never an ACR member in practice, in an approved residency or fellowship outside the United States and Canada, in good ethical standing (status continues throughout the international residency and fellowship).");
/* Translators: rules bundle, categories[4].criteria[3].explanation */
/* xgettext:no-c-format */
N_("A medical or therapy physicist who was never an ACR member in practice, registered in a formal educational programme in medical physics outside the United States and Canada, in good ethical standing.");
/* Translators: rules bundle, categories[5].name */
/* xgettext:no-c-format */
N_("International member");
/* Translators: rules bundle, categories[5].description */
/* xgettext:no-c-format */
N_("Certified physicians and medical physicists practising radiology, radiation oncology or medical physics outside the United States and Canada.");
/* Translators: rules bundle, categories[5].criteria[0].explanation */
/* xgettext:no-c-format */
N_("A physician or medical physicist practising radiology, radiation oncology or medical physics outside the United States and Canada, certified in radiology or medical physics and in good ethical standing.");
/* Translators: rules bundle, categories[6].name */
/* xgettext:no-c-format */
N_("Retired member");
/* Translators: rules bundle, categories[6].description */
/* xgettext:no-c-format */
N_("Members who have fully retired from professional practice.");
/* Translators: rules bundle, categories[6].criteria[0].explanation */
/* xgettext:no-c-format */
N_("Fully retired from professional practice (retirement notified on or before the decision date).");
/* Translators: rules bundle, categories[6].criteria[0].all[0].note */
/* xgettext:no-c-format */
N_("Retired member status begins on the day retirement is notified.");
/* Translators: rules bundle, categories[6].rights.elective_office.all[0].note */
/* xgettext:no-c-format */
N_("A retired member may serve in elected office only during the first six years following retirement.");
/* Translators: rules bundle, reviews[0].text */
/* xgettext:no-c-format */
N_("International member-in-training status ended six months after training; the member may be considered for transition to membership in the appropriate class.");
/* Translators: rules bundle, discounts[0].description */
/* xgettext:no-c-format */
N_("50% discount on national dues for active-duty U.S. military, Department of Veterans Affairs and U.S. Public Health Service");
/* Translators: rules bundle, refunds[0].description */
/* xgettext:no-c-format */
N_("Full refund: retirement notified between January 1 and March 31 of the membership year");
/* Translators: rules bundle, chapters[0].name */
/* xgettext:no-c-format */
N_("Alabama");
/* Translators: rules bundle, chapters[1].name */
/* xgettext:no-c-format */
N_("Alaska");
/* Translators: rules bundle, chapters[2].name */
/* xgettext:no-c-format */
N_("Arizona");
/* Translators: rules bundle, chapters[3].name */
/* xgettext:no-c-format */
N_("Arkansas");
/* Translators: rules bundle, chapters[4].name */
/* xgettext:no-c-format */
N_("California");
/* Translators: rules bundle, chapters[5].name */
/* xgettext:no-c-format */
N_("Colorado");
/* Translators: rules bundle, chapters[6].name */
/* xgettext:no-c-format */
N_("Connecticut");
/* Translators: rules bundle, chapters[7].name */
/* xgettext:no-c-format */
N_("Delaware");
/* Translators: rules bundle, chapters[8].name */
/* xgettext:no-c-format */
N_("District of Columbia");
/* Translators: rules bundle, chapters[9].name */
/* xgettext:no-c-format */
N_("Florida");
/* Translators: rules bundle, chapters[10].name */
/* xgettext:no-c-format */
N_("Georgia");
/* Translators: rules bundle, chapters[11].name */
/* xgettext:no-c-format */
N_("Hawaii");
/* Translators: rules bundle, chapters[12].name */
/* xgettext:no-c-format */
N_("Idaho");
/* Translators: rules bundle, chapters[13].name */
/* xgettext:no-c-format */
N_("Illinois");
/* Translators: rules bundle, chapters[14].name */
/* xgettext:no-c-format */
N_("Indiana");
/* Translators: rules bundle, chapters[15].name */
/* xgettext:no-c-format */
N_("Iowa");
/* Translators: rules bundle, chapters[16].name */
/* xgettext:no-c-format */
N_("Kansas");
/* Translators: rules bundle, chapters[17].name */
/* xgettext:no-c-format */
N_("Kentucky");
/* Translators: rules bundle, chapters[18].name */
/* xgettext:no-c-format */
N_("Louisiana");
/* Translators: rules bundle, chapters[19].name */
/* xgettext:no-c-format */
N_("Maine");
/* Translators: rules bundle, chapters[20].name */
/* xgettext:no-c-format */
N_("Maryland");
/* Translators: rules bundle, chapters[21].name */
/* xgettext:no-c-format */
N_("Massachusetts");
/* Translators: rules bundle, chapters[22].name */
/* xgettext:no-c-format */
N_("Michigan");
/* Translators: rules bundle, chapters[23].name */
/* xgettext:no-c-format */
N_("Minnesota");
/* Translators: rules bundle, chapters[24].name */
/* xgettext:no-c-format */
N_("Mississippi");
/* Translators: rules bundle, chapters[25].name */
/* xgettext:no-c-format */
N_("Missouri");
/* Translators: rules bundle, chapters[26].name */
/* xgettext:no-c-format */
N_("Montana");
/* Translators: rules bundle, chapters[27].name */
/* xgettext:no-c-format */
N_("Nebraska");
/* Translators: rules bundle, chapters[28].name */
/* xgettext:no-c-format */
N_("Nevada");
/* Translators: rules bundle, chapters[29].name */
/* xgettext:no-c-format */
N_("New Hampshire");
/* Translators: rules bundle, chapters[30].name */
/* xgettext:no-c-format */
N_("New Jersey");
/* Translators: rules bundle, chapters[31].name */
/* xgettext:no-c-format */
N_("New Mexico");
/* Translators: rules bundle, chapters[32].name */
/* xgettext:no-c-format */
N_("New York");
/* Translators: rules bundle, chapters[33].name */
/* xgettext:no-c-format */
N_("North Carolina");
/* Translators: rules bundle, chapters[34].name */
/* xgettext:no-c-format */
N_("North Dakota");
/* Translators: rules bundle, chapters[35].name */
/* xgettext:no-c-format */
N_("Ohio");
/* Translators: rules bundle, chapters[36].name */
/* xgettext:no-c-format */
N_("Oklahoma");
/* Translators: rules bundle, chapters[37].name */
/* xgettext:no-c-format */
N_("Oregon");
/* Translators: rules bundle, chapters[38].name */
/* xgettext:no-c-format */
N_("Pennsylvania");
/* Translators: rules bundle, chapters[39].name */
/* xgettext:no-c-format */
N_("Rhode Island");
/* Translators: rules bundle, chapters[40].name */
/* xgettext:no-c-format */
N_("South Carolina");
/* Translators: rules bundle, chapters[41].name */
/* xgettext:no-c-format */
N_("South Dakota");
/* Translators: rules bundle, chapters[42].name */
/* xgettext:no-c-format */
N_("Tennessee");
/* Translators: rules bundle, chapters[43].name */
/* xgettext:no-c-format */
N_("Texas");
/* Translators: rules bundle, chapters[44].name */
/* xgettext:no-c-format */
N_("Utah");
/* Translators: rules bundle, chapters[45].name */
/* xgettext:no-c-format */
N_("Vermont");
/* Translators: rules bundle, chapters[46].name */
/* xgettext:no-c-format */
N_("Virginia");
/* Translators: rules bundle, chapters[47].name */
/* xgettext:no-c-format */
N_("Washington");
/* Translators: rules bundle, chapters[48].name */
/* xgettext:no-c-format */
N_("West Virginia");
/* Translators: rules bundle, chapters[49].name */
/* xgettext:no-c-format */
N_("Wisconsin");
/* Translators: rules bundle, chapters[50].name */
/* xgettext:no-c-format */
N_("Wyoming");
/* Translators: rules bundle, chapters[51].name */
/* xgettext:no-c-format */
N_("Alberta");
/* Translators: rules bundle, chapters[52].name */
/* xgettext:no-c-format */
N_("British Columbia");
/* Translators: rules bundle, chapters[53].name */
/* xgettext:no-c-format */
N_("Manitoba");
/* Translators: rules bundle, chapters[54].name */
/* xgettext:no-c-format */
N_("New Brunswick");
/* Translators: rules bundle, chapters[55].name */
/* xgettext:no-c-format */
N_("Newfoundland and Labrador");
/* Translators: rules bundle, chapters[56].name */
/* xgettext:no-c-format */
N_("Nova Scotia");
/* Translators: rules bundle, chapters[57].name */
/* xgettext:no-c-format */
N_("Ontario");
/* Translators: rules bundle, chapters[58].name */
/* xgettext:no-c-format */
N_("Prince Edward Island");
/* Translators: rules bundle, chapters[59].name */
/* xgettext:no-c-format */
N_("Quebec");
/* Translators: rules bundle, chapters[60].name */
/* xgettext:no-c-format */
N_("Saskatchewan");
/* Translators: rules bundle, chapters[61].name */
/* xgettext:no-c-format */
N_("Northwest Territories");
/* Translators: rules bundle, chapters[62].name */
/* xgettext:no-c-format */
N_("Nunavut");
/* Translators: rules bundle, chapters[63].name */
/* xgettext:no-c-format */
N_("Yukon");
