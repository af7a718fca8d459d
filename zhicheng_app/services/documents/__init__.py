"""Documents on the site: the Frappe side of ``zhicheng_app.documents``.

``contexts``      reads the Title Application, Employer Unit and Title Notice records a document
                  is made from and builds its template context (``documents.contexts``)
``access``        who may print what; the kind of a request
``files``         the private files the documents are stored in
``templates``     the administrators' replacement templates (Document Template)
``verification``  the signed token in each QR code and the check behind the public /verify page
``generation``    renders, stores and records one document (Generated Document); a new
                  generation of the same kind, record and group supersedes the older ones
``batch_jobs``    the background jobs that generate the documents of a unit or a notice
``paper_intake``  marks an application's paper materials received when its barcode is scanned
"""
